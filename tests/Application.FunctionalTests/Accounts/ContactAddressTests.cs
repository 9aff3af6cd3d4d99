using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using System.Text.Json.Nodes;

namespace Application.FunctionalTests.Accounts;

/// <summary>The app with its own support and privacy addresses, as an operator would configure them.</summary>
public sealed class ConfiguredContactsApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Legal:SupportEmail", "help@shop.example.uz");
        builder.UseSetting("Legal:PrivacyEmail", "dpo@shop.example.uz");
    }
}

public sealed class ContactAddressTests(ConfiguredContactsApiFactory factory) : IClassFixture<ConfiguredContactsApiFactory>
{
    [Fact]
    public async Task Anyone_reads_the_configured_support_and_privacy_addresses_the_app_footer_shows()
    {
        using var anonymous = factory.CreateClient();

        var legal = await anonymous.GetFromJsonAsync<JsonObject>("/api/auth/legal-documents");

        ((string?)legal!["supportEmail"]).ShouldBe("help@shop.example.uz");
        ((string?)legal["privacyEmail"]).ShouldBe("dpo@shop.example.uz");
    }
}
