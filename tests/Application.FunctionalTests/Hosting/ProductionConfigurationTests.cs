using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Application.FunctionalTests.Hosting;

/// <summary>The app as production runs it: real SMS and e-mail providers configured (never called here).</summary>
public class ProductionApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Sms:Provider", "Eskiz");
        builder.UseSetting("Sms:Eskiz:BaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("Sms:Eskiz:Email", "sms@virtuops.test");
        builder.UseSetting("Sms:Eskiz:Password", "not-used");
        builder.UseSetting("Email:Provider", "Smtp");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:FromAddress", "no-reply@virtuops.test");
        builder.UseSetting("Paylov:BaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("Paylov:ConsumerKey", "consumer-test");
        builder.UseSetting("Paylov:ConsumerSecret", "not-used");
        builder.UseSetting("Paylov:UserName", "merchant-test");
        builder.UseSetting("Paylov:Password", "not-used");
        builder.UseSetting("Paylov:CallbackUserName", "not-used-either");
        builder.UseSetting("Paylov:CallbackPassword", "not-used-either");
        builder.UseSetting("Security:Encryption:Keys:k1", Convert.ToBase64String(new byte[32]));
        builder.UseSetting("Security:Encryption:CurrentKeyId", "k1");
    }
}

/// <summary>Production with real messaging but no Paylov: the sandbox would stand in.</summary>
public sealed class SandboxPaymentsInProductionApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Sms:Provider", "Eskiz");
        builder.UseSetting("Sms:Eskiz:BaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("Sms:Eskiz:Email", "sms@virtuops.test");
        builder.UseSetting("Sms:Eskiz:Password", "not-used");
        builder.UseSetting("Email:Provider", "Smtp");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:FromAddress", "no-reply@virtuops.test");
        builder.UseSetting("Security:Encryption:Keys:k1", Convert.ToBase64String(new byte[32]));
        builder.UseSetting("Security:Encryption:CurrentKeyId", "k1");
    }
}

/// <summary>Production with the development sinks still configured.</summary>
public sealed class MisconfiguredProductionApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:SeedDemoData", "false");
    }
}

public sealed class ProductionConfigurationTests
{
    [Fact]
    public async Task The_dev_outbox_does_not_exist_in_production()
    {
        await using var factory = new ProductionApiFactory();
        using var client = factory.CreateClient();

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/dev/outbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_the_development_sms_and_email_sinks()
    {
        await using var factory = new MisconfiguredProductionApiFactory();

        var error = Should.Throw<InvalidOperationException>(() => factory.CreateClient());

        error.Message.ShouldContain("Sms:Provider");
    }

    [Fact]
    public async Task Production_refuses_to_start_with_the_sandbox_payment_gateway()
    {
        await using var factory = new SandboxPaymentsInProductionApiFactory();

        var error = Should.Throw<InvalidOperationException>(() => factory.CreateClient());

        error.Message.ShouldContain("Paylov:BaseUrl");
    }
}
