using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Domain.Sms;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Sms;

/// <summary>The app with a callback secret configured, as a deployment that uses Eskiz has it.</summary>
public sealed class EskizCallbackApi : IAsyncLifetime
{
    public const string Secret = "s3cret-Callback_value";

    private readonly VirtuOpsApiFactory _factory = new();

    public EskizCallbackApi() =>
        App = _factory.WithWebHostBuilder(builder => builder.UseSetting("Sms:Eskiz:CallbackSecret", Secret));

    public WebApplicationFactory<Program> App { get; }

    public Task<List<SmsDelivery>> DeliveriesOf(string providerMessageId) =>
        QueryAsync(db => db.SmsDeliveries.AsNoTracking().Where(d => d.ProviderMessageId == providerMessageId).ToListAsync());

    private async Task<T> QueryAsync<T>(Func<ApplicationDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}

public sealed class EskizDeliveryCallbackTests(EskizCallbackApi api) : IClassFixture<EskizCallbackApi>
{
    private const string Endpoint = "/api/webhooks/sms/eskiz";

    private readonly HttpClient _client = api.App.CreateClient();

    private static FormUrlEncodedContent Callback(string requestId, string status, string statusDate) => new(new Dictionary<string, string>
    {
        ["request_id"] = requestId,
        ["message_id"] = "11236583",
        ["user_sms_id"] = "",
        ["country"] = "UZ",
        ["phone_number"] = "998901234567",
        ["sms_count"] = "1",
        ["status"] = status,
        ["status_date"] = statusDate,
    });

    private static string NewRequestId() => Guid.NewGuid().ToString();

    private Task<HttpResponseMessage> PostAsync(HttpContent callback, string? secret = EskizCallbackApi.Secret) =>
        _client.PostAsync(secret is null ? Endpoint : $"{Endpoint}?secret={Uri.EscapeDataString(secret)}", callback);

    [Fact]
    public async Task A_callback_with_the_right_secret_stores_the_status_with_a_masked_number()
    {
        var requestId = NewRequestId();

        var response = await PostAsync(Callback(requestId, "DELIVRD", "2026-11-27 14:05:09"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = (await api.DeliveriesOf(requestId)).ShouldHaveSingleItem();
        stored.Status.ShouldBe("DELIVRD");
        stored.PhoneNumber.ShouldBe("****4567");
        // Eskiz writes Tashkent time (UTC+5) without an offset.
        stored.StatusAt.ShouldBe(new DateTimeOffset(2026, 11, 27, 9, 5, 9, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_callback_without_the_right_secret_is_a_401_problem_and_stores_nothing(string? secret)
    {
        var requestId = NewRequestId();

        var response = await PostAsync(Callback(requestId, "DELIVRD", "2026-11-27 14:05:09"), secret);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions.ShouldContainKey("traceId");
        (await api.DeliveriesOf(requestId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_replayed_callback_leaves_one_row_unchanged()
    {
        var requestId = NewRequestId();
        (await PostAsync(Callback(requestId, "DELIVRD", "2026-11-27 14:05:09"))).EnsureSuccessStatusCode();
        var first = (await api.DeliveriesOf(requestId)).ShouldHaveSingleItem();

        var replay = await PostAsync(Callback(requestId, "DELIVRD", "2026-11-27 14:05:09"));

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = (await api.DeliveriesOf(requestId)).ShouldHaveSingleItem();
        stored.Status.ShouldBe("DELIVRD");
        stored.LastModified.ShouldBe(first.LastModified);
    }

    [Fact]
    public async Task An_older_status_arriving_late_does_not_overwrite_a_newer_one()
    {
        var requestId = NewRequestId();
        (await PostAsync(Callback(requestId, "DELIVRD", "2026-11-27 14:05:09"))).EnsureSuccessStatusCode();

        var late = await PostAsync(Callback(requestId, "TRANSMTD", "2026-11-27 14:05:01"));

        late.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = (await api.DeliveriesOf(requestId)).ShouldHaveSingleItem();
        stored.Status.ShouldBe("DELIVRD");
        stored.StatusAt.ShouldBe(new DateTimeOffset(2026, 11, 27, 14, 5, 9, TimeSpan.FromHours(5)));
    }

    [Fact]
    public async Task A_newer_status_replaces_the_stored_one()
    {
        var requestId = NewRequestId();
        (await PostAsync(Callback(requestId, "TRANSMTD", "2026-11-27 14:05:01"))).EnsureSuccessStatusCode();

        (await PostAsync(Callback(requestId, "UNDELIV", "2026-11-27 14:07:30"))).EnsureSuccessStatusCode();

        (await api.DeliveriesOf(requestId)).ShouldHaveSingleItem().Status.ShouldBe("UNDELIV");
    }

    [Fact]
    public async Task A_callback_with_an_unreadable_date_is_a_400_problem_and_stores_nothing()
    {
        var requestId = NewRequestId();

        var response = await PostAsync(Callback(requestId, "DELIVRD", "27/11/2026"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldContain("statusAt");
        (await api.DeliveriesOf(requestId)).ShouldBeEmpty();
    }
}

public sealed class EskizDeliveryCallbackWithoutSecretTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("anything")]
    public async Task With_no_secret_configured_every_callback_is_rejected(string secret)
    {
        var client = factory.CreateClient();
        var callback = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["request_id"] = Guid.NewGuid().ToString(),
            ["phone_number"] = "998901234567",
            ["status"] = "DELIVRD",
            ["status_date"] = "2026-11-27 14:05:09",
        });

        var response = await client.PostAsync($"/api/webhooks/sms/eskiz?secret={secret}", callback);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.QueryDatabaseAsync(db => db.SmsDeliveries.CountAsync())).ShouldBe(0);
    }
}
