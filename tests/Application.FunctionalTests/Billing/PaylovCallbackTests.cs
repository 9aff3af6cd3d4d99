using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Common.Interfaces;
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

    private async Task<(Charge Charge, string TransactionId)> PendingRenewalAsync(BillingTestSteps.RenewalCrash crash = BillingTestSteps.RenewalCrash.AfterPay)
    {
        using var owner = new SpaClient(_factory);
        await owner.RegisterVerifiedOwnerAsync("callback@example.uz", "+998901000300");
        (await BillingTestSteps.SubscribeAsync(_factory, owner)).Status.ShouldBe(CheckoutStatus.Completed);
        _factory.Time.Advance(TimeSpan.FromDays(32));
        return await BillingTestSteps.RenewalCrashedAsync(_factory, crash);
    }

    private Task<Charge> ReloadAsync(Charge charge) =>
        _factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == charge.Id));

    private async Task<ChargeStatus> StatusOfAsync(Charge charge) => (await ReloadAsync(charge)).Status;

    /// <summary>A JSON-RPC 2.0 call as Paylov sends it, about our order (the charge key we gave receipts/create).</summary>
    private static string Call(string method, string orderId, long amountTiyin, string? transactionId = null, string padding = "") =>
        new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 7001,
            ["method"] = method,
            ["params"] = new JsonObject
            {
                ["account"] = new JsonObject { ["order_id"] = orderId },
                ["amount"] = amountTiyin / 100m,
                ["amount_tiyin"] = amountTiyin,
                ["currency"] = 860,
                ["transaction_id"] = transactionId,
            },
        }.ToJsonString() + padding;

    private static string PerformFor(Charge charge, string transactionId, string padding = "") =>
        Call("transaction.perform", charge.IdempotencyKey, charge.AmountTiyin, transactionId, padding);

    private static async Task<JsonObject> AnswerOfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject).ShouldNotBeNull();
        ((string?)answer["jsonrpc"]).ShouldBe("2.0");
        ((int?)answer["id"]).ShouldBe(7001);
        return answer;
    }

    private static async Task<string?> StatusAnsweredAsync(HttpResponseMessage response) => (string?)(await AnswerOfAsync(response))["result"]?["status"];

    [Fact]
    public async Task A_perform_with_the_configured_credentials_settles_a_pending_renewal_once_however_often_it_arrives_and_wrong_credentials_get_401()
    {
        var (pending, transactionId) = await PendingRenewalAsync();
        var body = PerformFor(pending, transactionId);

        (await PostCallbackAsync(body, Basic(PaylovCallbackApiFactory.CallbackUserName, "not-the-password"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, Basic("someone", PaylovCallbackApiFactory.CallbackPassword))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, new AuthenticationHeaderValue("Bearer", PaylovCallbackApiFactory.CallbackPassword))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, new AuthenticationHeaderValue("Basic", "not base64!"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostCallbackAsync(body, credentials: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusOfAsync(pending)).ShouldBe(ChargeStatus.Pending);

        for (var delivery = 0; delivery < 3; delivery++)
            (await StatusAnsweredAsync(await PostCallbackAsync(body, Paylov))).ShouldBe("0");

        var charges = await _factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.PeriodKey == pending.PeriodKey).ToListAsync());
        var settled = charges.ShouldHaveSingleItem();
        (settled.Status, settled.TransactionId).ShouldBe((ChargeStatus.Succeeded, transactionId));
        (await _factory.QueryDatabaseAsync(db => db.FiscalReceipts.IgnoreQueryFilters().CountAsync(r => r.ChargeId == pending.Id))).ShouldBe(1);
        (await _factory.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync())).CurrentPeriodEnd.ShouldBeGreaterThan(_factory.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_check_answers_ok_wrong_amount_or_unknown_order_and_changes_nothing()
    {
        var (pending, _) = await PendingRenewalAsync();

        (await StatusAnsweredAsync(await PostCallbackAsync(Call("transaction.check", pending.IdempotencyKey, pending.AmountTiyin), Paylov))).ShouldBe("0");
        (await StatusAnsweredAsync(await PostCallbackAsync(Call("transaction.check", pending.IdempotencyKey, pending.AmountTiyin - 100), Paylov))).ShouldBe("5");
        (await StatusAnsweredAsync(await PostCallbackAsync(Call("transaction.check", "sub_not_ours", pending.AmountTiyin), Paylov))).ShouldBe("303");
        (await StatusAnsweredAsync(await PostCallbackAsync(Call("transaction.perform", pending.IdempotencyKey, pending.AmountTiyin - 100, "1"), Paylov))).ShouldBe("5");
        var unknownMethod = await AnswerOfAsync(await PostCallbackAsync(Call("transaction.cancel", pending.IdempotencyKey, pending.AmountTiyin), Paylov));
        ((int?)unknownMethod["error"]!["code"]).ShouldBe(-32601);
        var notJson = await PostCallbackAsync("{not json", Paylov);
        ((int?)JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!["error"]!["code"]).ShouldBe(-32700);

        (await StatusOfAsync(pending)).ShouldBe(ChargeStatus.Pending);
    }

    [Fact]
    public async Task A_perform_for_a_transaction_whose_id_a_crash_lost_settles_that_transaction_instead_of_paying_a_new_one()
    {
        var (pending, transactionId) = await PendingRenewalAsync(BillingTestSteps.RenewalCrash.AfterCreate);
        // Paylov took the payment for the transaction our process never saved (e.g. on its own page).
        var tenantId = (await ReloadAsync(pending)).TenantId;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VirtuOps.Infrastructure.Data.ApplicationDbContext>();
            var card = await db.PaymentMethods.IgnoreQueryFilters().SingleAsync(p => p.TenantId == tenantId && p.RemovedAt == null);
            var cardId = scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(card.EncryptedToken, card.Id.ToString());
            (await scope.ServiceProvider.GetRequiredService<IPaylovClient>().PayAsync(new PayRequest(transactionId, cardId, PaylovUser.Of(tenantId)), CancellationToken.None))
                .State.ShouldBe(PaylovTransactionState.Succeeded);
        }

        (await StatusAnsweredAsync(await PostCallbackAsync(PerformFor(pending, transactionId), Paylov))).ShouldBe("0");
        (await StatusAnsweredAsync(await PostCallbackAsync(PerformFor(pending, transactionId), Paylov))).ShouldBe("0");

        var settled = await ReloadAsync(pending);
        (settled.Status, settled.TransactionId).ShouldBe((ChargeStatus.Succeeded, transactionId));
    }

    [Fact]
    public async Task An_authentic_callback_over_256_kB_is_refused_with_413_and_not_processed_whether_or_not_its_length_is_declared()
    {
        var (pending, transactionId) = await PendingRenewalAsync();
        // The callback that settles the renewal, padded with whitespace: only its size is wrong.
        var padded = Encoding.UTF8.GetBytes(PerformFor(pending, transactionId, new string(' ', 300 * 1024)));

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
        (await StatusAnsweredAsync(await PostCallbackAsync(PerformFor(pending, transactionId), Paylov))).ShouldBe("0");
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
