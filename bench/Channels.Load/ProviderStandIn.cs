using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Channels.Load;

/// <summary>
/// Telegram and the Graph API as the bot's answers see them: every send accepted at once, on a loopback port. The
/// answers of the load are really sent (as in production), and nothing leaves the machine.
/// </summary>
internal sealed class ProviderStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProviderStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<ProviderStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "application/json";
            // Telegram's sendMessage answer, or the Graph API's send answer.
            return context.Response.WriteAsync(context.Request.Path.Value!.EndsWith("/sendMessage", StringComparison.Ordinal)
                ? """{"ok":true,"result":{"message_id":1}}"""
                : """{"messaging_product":"whatsapp","messages":[{"id":"wamid.bench"}]}""");
        });
        await app.StartAsync();
        var standIn = new ProviderStandIn(app);
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
