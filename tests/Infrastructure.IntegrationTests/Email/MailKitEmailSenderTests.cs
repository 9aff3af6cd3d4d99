using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MimeKit;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Email;

namespace Infrastructure.IntegrationTests.Email;

public sealed class MailKitEmailSenderTests : IAsyncLifetime
{
    private const string UserName = "mailer@virtuops.uz";
    private const string Password = "Smtp-Pa55word!";

    private ServiceProvider? _services;
    private FakeSmtpServer? _smtp;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        if (_smtp is not null)
            await _smtp.DisposeAsync();
    }

    private ServiceProvider BuildServices(int port, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The fake server speaks plain SMTP only.
            ["Email:Smtp:UseStartTls"] = "false",
            ["Email:Smtp:FromAddress"] = "noreply@virtuops.uz",
            ["Email:Smtp:FromName"] = "VirtuOps",
        };
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;

        _services = new ServiceCollection()
            .AddFakeLogging()
            .AddSmtpEmailSender(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
        return _services;
    }

    private async Task<IEmailSender> StartAsync(string? userName = null, string? password = null, Dictionary<string, string?>? overrides = null)
    {
        _smtp = await FakeSmtpServer.StartAsync(userName, password);
        return BuildServices(_smtp.Port, overrides).GetRequiredService<IEmailSender>();
    }

    [Fact]
    public async Task A_plain_text_email_reaches_the_server_with_its_recipient_subject_body_and_sender()
    {
        var sender = await StartAsync();

        await sender.SendAsync(new EmailMessage("dilnoza@gulzor.uz", "Hisobingiz tayyor", "Salom, Dilnoza!\nHisobingiz tayyor."), CancellationToken.None);

        var mail = _smtp!.Received.ShouldHaveSingleItem();
        mail.EnvelopeFrom.ShouldBe("noreply@virtuops.uz");
        mail.EnvelopeTo.ShouldBe(["dilnoza@gulzor.uz"]);
        mail.Message.To.Mailboxes.Single().Address.ShouldBe("dilnoza@gulzor.uz");
        mail.Message.From.Mailboxes.Single().ShouldSatisfyAllConditions(
            from => from.Address.ShouldBe("noreply@virtuops.uz"),
            from => from.Name.ShouldBe("VirtuOps"));
        mail.Message.Subject.ShouldBe("Hisobingiz tayyor");
        // SMTP carries CRLF line ends; compare the text, not the line-end convention.
        mail.Message.TextBody.ShouldNotBeNull().ReplaceLineEndings("\n").TrimEnd().ShouldBe("Salom, Dilnoza!\nHisobingiz tayyor.");
        mail.Message.HtmlBody.ShouldBeNull();
    }

    [Fact]
    public async Task An_html_body_travels_as_an_alternative_to_the_text()
    {
        var sender = await StartAsync();

        await sender.SendAsync(new EmailMessage("owner@oila.uz", "Welcome", "Welcome to VirtuOps", "<p>Welcome to <b>VirtuOps</b></p>"), CancellationToken.None);

        var message = _smtp!.Received.ShouldHaveSingleItem().Message;
        message.Body.ShouldBeOfType<MultipartAlternative>();
        message.TextBody.ShouldNotBeNull().TrimEnd().ShouldBe("Welcome to VirtuOps");
        message.HtmlBody.ShouldNotBeNull().TrimEnd().ShouldBe("<p>Welcome to <b>VirtuOps</b></p>");
    }

    [Fact]
    public async Task With_an_account_configured_the_sender_signs_in()
    {
        var sender = await StartAsync(UserName, Password, new() { ["Email:Smtp:UserName"] = UserName, ["Email:Smtp:Password"] = Password });

        await sender.SendAsync(new EmailMessage("owner@oila.uz", "Salom", "Salom"), CancellationToken.None);

        _smtp!.Received.ShouldHaveSingleItem().SignedInAs.ShouldBe(UserName);
    }

    [Fact]
    public async Task A_refused_sign_in_fails_clearly_without_the_password_and_sends_nothing()
    {
        const string wrongPassword = "Not-The-Pa55word";
        var sender = await StartAsync(UserName, Password, new() { ["Email:Smtp:UserName"] = UserName, ["Email:Smtp:Password"] = wrongPassword });

        var failure = await Should.ThrowAsync<EmailDeliveryException>(
            () => sender.SendAsync(new EmailMessage("owner@oila.uz", "Salom", "Salom"), CancellationToken.None));

        failure.Message.ShouldContain($"127.0.0.1:{_smtp!.Port}");
        failure.ToString().ShouldNotContain(wrongPassword);
        _services!.GetFakeLogCollector().GetSnapshot().ShouldAllBe(r => !$"{r.Message} {r.Exception}".Contains(wrongPassword));
        _smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Starttls_is_required_when_configured_so_nothing_goes_out_in_clear_text()
    {
        var sender = await StartAsync(overrides: new() { ["Email:Smtp:UseStartTls"] = "true" });

        await Should.ThrowAsync<EmailDeliveryException>(
            () => sender.SendAsync(new EmailMessage("owner@oila.uz", "Salom", "Salom"), CancellationToken.None));

        _smtp!.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_an_email_delivery_exception()
    {
        // A port that was free a moment ago and that nothing listens on now.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var sender = BuildServices(closedPort).GetRequiredService<IEmailSender>();

        var failure = await Should.ThrowAsync<EmailDeliveryException>(
            () => sender.SendAsync(new EmailMessage("owner@oila.uz", "Salom", "Salom"), CancellationToken.None));

        failure.InnerException.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("Email:Smtp:Host", "")]
    [InlineData("Email:Smtp:FromAddress", "not-an-address")]
    [InlineData("Email:Smtp:Port", "0")]
    public void Incomplete_settings_are_refused_on_start(string key, string value)
    {
        var services = BuildServices(25, new() { [key] = value });

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        failure.Message.ShouldContain(key[(key.LastIndexOf(':') + 1)..]);
    }
}
