using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Inbound.Commands.ProcessInboundEvents;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Channels;

/// <summary>The shared fixtures (real payloads and their signatures) and connections seeded straight into the database.</summary>
public static partial class ChannelTestData
{
    public const string WhatsAppPhoneNumberId = "106540352242922";
    public const string InstagramAccountId = "17841400000000001";
    public const string TelegramBotId = "7012345678";
    public const string VerifyToken = "meta-verify-token-42";

    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Channels", "Fixtures");
    private static readonly JsonElement Signatures = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FixtureFolder, "signatures.json"))).RootElement;

    public static string AppSecret => Signatures.GetProperty("meta_app_secret").GetString()!;

    public static string TelegramSecret => Signatures.GetProperty("telegram_secret_token").GetString()!;

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(FixtureFolder, name));

    public static string SignatureOf(string fixture) => Signatures.GetProperty("x_hub_signature_256").GetProperty(fixture).GetString()!;

    public static async Task<Guid> ConnectAsync(VirtuOpsApiFactory factory, Guid botId, Channel channel)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var bot = await db.Bots.IgnoreQueryFilters().SingleAsync(b => b.Id == botId);
        var (accountId, credentials) = channel switch
        {
            Channel.Telegram => (TelegramBotId, new ChannelCredentials($"{TelegramBotId}:AAtelegram-token", WebhookSecret: TelegramSecret)),
            Channel.WhatsApp => (WhatsAppPhoneNumberId, new ChannelCredentials("whatsapp-token", AppSecret, VerifyToken: VerifyToken)),
            _ => (InstagramAccountId, new ChannelCredentials("instagram-token", AppSecret, VerifyToken: VerifyToken)),
        };
        var connection = ChannelConnection.Connect(bot, channel, accountId, $"Test {channel}", null,
            id => protector.ProtectCredentials(credentials, id), factory.Time.GetUtcNow());
        db.ChannelConnections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    /// <summary>A Telegram update carrying a customer's text message in a private chat.</summary>
    public static byte[] TelegramText(long updateId, long chatId, string text) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = updateId,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
            ["date"] = 1764000000,
            ["text"] = text,
        },
    }.ToJsonString());

    public static async Task<HttpResponseMessage> PostTelegramAsync(this VirtuOpsApiFactory factory, Guid connectionId, byte[] body, string? secret)
    {
        using var http = factory.CreateClient();
        using var content = Json(body);
        if (secret is not null)
            content.Headers.Add(WebhookSecrets.TelegramHeader, secret);
        return await http.PostAsync($"/webhooks/telegram/{connectionId}", content);
    }

    public static async Task<HttpResponseMessage> PostMetaAsync(this VirtuOpsApiFactory factory, Channel channel, Guid connectionId, byte[] body, string? signature)
    {
        using var http = factory.CreateClient();
        using var content = Json(body);
        if (signature is not null)
            content.Headers.Add(WebhookSecrets.MetaSignatureHeader, signature);
        return await http.PostAsync($"/webhooks/{channel.ToString().ToLowerInvariant()}/{connectionId}", content);
    }

    /// <summary>Posts a fixture as its provider would, with its own signature or secret.</summary>
    public static Task<HttpResponseMessage> PostFixtureAsync(this VirtuOpsApiFactory factory, Channel channel, Guid connectionId, string fixture) =>
        channel == Channel.Telegram
            ? factory.PostTelegramAsync(connectionId, Fixture(fixture), TelegramSecret)
            : factory.PostMetaAsync(channel, connectionId, Fixture(fixture), SignatureOf(fixture));

    public static async Task<InboundRunSummary> ProcessInboxAsync(this VirtuOpsApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessInboundEventsCommand());
    }

    public static Task<List<Message>> MessagesOfAsync(this VirtuOpsApiFactory factory, Guid botId, Channel channel) =>
        factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => db.Conversations.IgnoreQueryFilters().Any(c => c.Id == m.ConversationId && c.BotId == botId && c.Channel == channel))
            .OrderBy(m => m.SentAt)
            .ToListAsync());

    public static Task<List<InboundEvent>> InboundEventsAsync(this VirtuOpsApiFactory factory) =>
        factory.QueryDatabaseAsync(db => db.InboundEvents.IgnoreQueryFilters().ToListAsync());

    /// <summary>The bytes a malformed event keeps for inspection (its payload is <c>{"base64":"..."}</c>).</summary>
    public static byte[] RawBytesOf(InboundEvent malformed) =>
        Convert.FromBase64String(JsonDocument.Parse(malformed.Payload).RootElement.GetProperty("base64").GetString()!);

    // The exact bytes: a StringContent would re-encode them.
    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }
}
