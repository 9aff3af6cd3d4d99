using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Domain.Billing;

namespace Application.FunctionalTests.Billing;

/// <summary>The app with Paylov callback credentials, as production has them, counting the request body bytes it reads.</summary>
public sealed class PaylovCallbackApiFactory : VirtuOpsApiFactory
{
    public const string CallbackUserName = "paylov-callbacks";
    public const string CallbackPassword = "test-callback-password-0123456789";

    private long _bodyBytesRead;

    /// <summary>
    /// Request body bytes the app has read. The test server takes the whole body from the client whether the app reads
    /// it or not, so only the app's side tells them apart.
    /// </summary>
    public long BodyBytesRead => Interlocked.Read(ref _bodyBytesRead);

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Paylov:CallbackUserName", CallbackUserName);
        builder.UseSetting("Paylov:CallbackPassword", CallbackPassword);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new CountBodyReads(this)));
    }

    private sealed class CountBodyReads(PaylovCallbackApiFactory factory) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Request.Body = new CountingStream(context.Request.Body, read => Interlocked.Add(ref factory._bodyBytesRead, read));
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            counted(read);
            return read;
        }
    }
}

public sealed class PaylovCallbackTests : IAsyncLifetime
{
    private readonly PaylovCallbackApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    private static AuthenticationHeaderValue Basic(string userName, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));

    private static readonly AuthenticationHeaderValue Paylov = Basic(PaylovCallbackApiFactory.CallbackUserName, PaylovCallbackApiFactory.CallbackPassword);

    private async Task<HttpResponseMessage> PostCallbackAsync(HttpContent content, AuthenticationHeaderValue? credentials)
    {
        using var http = _factory.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(30);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/paylov") { Content = content };
        request.Headers.Authorization = credentials;
        return await http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostCallbackAsync(string body, AuthenticationHeaderValue? credentials) =>
        PostCallbackAsync(new StringContent(body, Encoding.UTF8, "application/json"), credentials);

    private async Task<Charge> PendingRenewalAsync()
    {
        using var owner = new SpaClient(_factory);
        await owner.RegisterVerifiedOwnerAsync("callback@example.uz", "+998901000300");
        (await BillingTestSteps.SubscribeAsync(_factory, owner)).Status.ShouldBe(CheckoutStatus.Completed);
        _factory.Time.Advance(TimeSpan.FromDays(32));
        return await BillingTestSteps.RenewalCrashedAsync(_factory);
    }

    private Task<ChargeStatus> StatusOfAsync(Charge charge) =>
        _factory.QueryDatabaseAsync(async db => (await db.Charges.IgnoreQueryFilters().SingleAsync(c => c.Id == charge.Id)).Status);

    private static string CallbackFor(Charge charge, string padding = "") =>
        $$"""{"event_id":"evt_1","type":"payment.state_changed","transaction_id":"t1","external_id":"{{charge.IdempotencyKey}}","state":"success"{{padding}}}""";

    [Fact]
    public async Task A_callback_with_the_configured_credentials_settles_a_pending_renewal_once_however_often_it_arrives_and_others_change_nothing()
    {
        var pending = await PendingRenewalAsync();
        var body = CallbackFor(pending);

        (await PostCallbackAsync(body, Basic(PaylovCallbackApiFactory.CallbackUserName, "not-the-password"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, Basic("someone", PaylovCallbackApiFactory.CallbackPassword))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, new AuthenticationHeaderValue("Bearer", PaylovCallbackApiFactory.CallbackPassword))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, new AuthenticationHeaderValue("Basic", "not base64!"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, credentials: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusOfAsync(pending)).ShouldBe(ChargeStatus.Pending);

        for (var delivery = 0; delivery < 3; delivery++)
            (await PostCallbackAsync(body, Paylov)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var charges = await _factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.PeriodKey == pending.PeriodKey).ToListAsync());
        charges.ShouldHaveSingleItem().Status.ShouldBe(ChargeStatus.Succeeded);
        (await _factory.QueryDatabaseAsync(db => db.FiscalReceipts.IgnoreQueryFilters().CountAsync(r => r.ChargeId == pending.Id))).ShouldBe(1);
        (await _factory.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync())).CurrentPeriodEnd.ShouldBeGreaterThan(_factory.Time.GetUtcNow());
    }

    [Fact]
    public async Task An_authentic_callback_over_256_kB_is_refused_with_413_and_not_processed_whether_or_not_its_length_is_declared()
    {
        var pending = await PendingRenewalAsync();
        // The callback that settles the renewal, padded with whitespace: only its size is wrong.
        var padded = Encoding.UTF8.GetBytes(CallbackFor(pending, new string(' ', 300 * 1024)));

        foreach (var declareLength in new[] { true, false })
        {
            var before = _factory.BodyBytesRead;
            using var content = new GeneratedContent(padded.Length, declareLength, start: padded);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await PostCallbackAsync(content, Paylov);
            response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            // A declared length is refused unread; otherwise reading stops at the limit.
            (_factory.BodyBytesRead - before).ShouldBeLessThanOrEqualTo(declareLength ? 0 : 256 * 1024 + 16 * 1024);
        }

        (await StatusOfAsync(pending)).ShouldBe(ChargeStatus.Pending);
        (await PostCallbackAsync(CallbackFor(pending), Paylov)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StatusOfAsync(pending)).ShouldBe(ChargeStatus.Succeeded);
    }

    [Fact]
    public async Task A_callback_without_the_configured_credentials_is_refused_with_401_before_its_body_is_read()
    {
        const int tenMegabytes = 10 * 1024 * 1024;
        using var wrong = new GeneratedContent(tenMegabytes, declareLength: true);
        using var missing = new GeneratedContent(tenMegabytes, declareLength: false);

        var response = await PostCallbackAsync(wrong, Basic(PaylovCallbackApiFactory.CallbackUserName, "guess"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(missing, credentials: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        _factory.BodyBytesRead.ShouldBe(0);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Basic");
    }

    /// <summary><paramref name="start"/> (if any) then spaces up to <paramref name="totalBytes"/>, written as the server takes it.</summary>
    private sealed class GeneratedContent(long totalBytes, bool declareLength, byte[]? start = null) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[16 * 1024];
            for (long written = 0; written < totalBytes; written += chunk.Length)
            {
                var size = (int)Math.Min(chunk.Length, totalBytes - written);
                Array.Fill(chunk, (byte)' ');
                if (start is not null && written < start.Length)
                    start.AsSpan((int)written, (int)Math.Min(size, start.Length - written)).CopyTo(chunk);
                await stream.WriteAsync(chunk.AsMemory(0, size));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = totalBytes;
            return declareLength;
        }
    }
}
