using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Infrastructure.IntegrationTests.Email;

/// <summary>A mail the fake server accepted: the SMTP envelope, the account that signed in (if any) and the parsed message.</summary>
internal sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string? SignedInAs, MimeMessage Message);

/// <summary>
/// A local SMTP server on 127.0.0.1 (a free port, plain text, optional sign-in) that keeps every message it accepts.
/// MailKit reports success only after the server answered the message with 250, and this server records it before
/// answering, so a test can read <see cref="Received"/> as soon as the send returns.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();
    private Task _running = Task.CompletedTask;

    private FakeSmtpServer()
    {
    }

    public int Port { get; private set; }

    public IReadOnlyList<ReceivedMail> Received => [.. _store.Mails];

    /// <summary>Starts the server; with a user name it requires signing in with exactly those credentials.</summary>
    public static async Task<FakeSmtpServer> StartAsync(string? userName = null, string? password = null)
    {
        var fake = new FakeSmtpServer();
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AuthenticationRequired(userName is not null)
                .AllowUnsecureAuthentication())
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(fake._store);
        if (userName is not null)
            services.Add(new DelegatingUserAuthenticator((user, pass) => user == userName && pass == password));

        fake._running = new SmtpServer.SmtpServer(options, services).StartAsync(fake._stop.Token);
        fake.Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what cancellation asked for.
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<ReceivedMail> Mails { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Mails.Enqueue(new ReceivedMail(
                transaction.From.AsAddress(),
                transaction.To.Select(to => to.AsAddress()).ToList(),
                context.Authentication.IsAuthenticated ? context.Authentication.User : null,
                message));
            return SmtpResponse.Ok;
        }
    }
}
