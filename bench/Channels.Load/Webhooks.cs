using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using VirtuOps.Application.Channels.Inbound.Common;

namespace Channels.Load;

/// <summary>One signed webhook call; <see cref="ExternalId"/> is the id the inbox de-duplicates it by.</summary>
internal sealed record Webhook(string Path, byte[] Body, string Header, string Credential, string ExternalId)
{
    public HttpRequestMessage ToRequest()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.TryAddWithoutValidation(Header, Credential);
        return request;
    }
}

/// <summary>Telegram updates and WhatsApp messages shaped like the shared fixtures, each with its own id.</summary>
internal sealed class Webhooks(Connections connections)
{
    private const int Customers = 1_000;
    private int _next;

    private Webhook[] _prepared = [];
    private int _taken = -1;

    /// <summary>Makes the next <paramref name="count"/> webhooks ahead, so building and signing them is not measured.</summary>
    public void Prepare(int count)
    {
        _prepared = Enumerable.Range(0, count).Select(_ => Make()).ToArray();
        _taken = -1;
    }

    /// <summary>
    /// The bare endpoint's calls: webhooks made the same way (bodies, signature headers), sent to <c>/webhooks/_bare</c>,
    /// so the two runs differ only in what the app does with a call. A fixed set, reused: the bare endpoint stores nothing.
    /// </summary>
    public Func<Webhook> BareCalls()
    {
        var calls = Enumerable.Range(0, Customers).Select(_ => Make() with { Path = "/webhooks/_bare", ExternalId = string.Empty }).ToArray();
        var taken = -1;
        return () => calls[(int)((uint)Interlocked.Increment(ref taken) % calls.Length)];
    }

    /// <summary>Alternates Telegram and WhatsApp.</summary>
    public Webhook Next()
    {
        var i = Interlocked.Increment(ref _taken);
        return i < _prepared.Length ? _prepared[i] : Make();
    }

    private Webhook Make()
    {
        var n = Interlocked.Increment(ref _next);
        var customer = n % Customers;
        return n % 2 == 0 ? Telegram(n, customer) : WhatsApp(n, customer);
    }

    private Webhook Telegram(int n, int customer)
    {
        var chat = 5_000_000_000L + customer;
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"update_id":{{{n}}},"message":{"message_id":{{{n}}},"from":{"id":{{{chat}}},"is_bot":false,"first_name":"Mijoz","language_code":"uz"},"chat":{"id":{{{chat}}},"first_name":"Mijoz","type":"private"},"date":1764000000,"text":"Salom! Yetkazib berish narxi qancha?"}}"""));
        return new Webhook($"/webhooks/telegram/{connections.Telegram}", body, WebhookSecrets.TelegramHeader, Seeder.TelegramSecret,
            n.ToString(CultureInfo.InvariantCulture));
    }

    private Webhook WhatsApp(int n, int customer)
    {
        var waId = string.Create(CultureInfo.InvariantCulture, $"99890{customer:D7}");
        var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.bench{n:D10}");
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"998712000000","phone_number_id":"{{{Seeder.PhoneNumberId}}}"},"contacts":[{"profile":{"name":"Aziz Rakhimov"},"wa_id":"{{{waId}}}"}],"messages":[{"from":"{{{waId}}}","id":"{{{wamid}}}","timestamp":"1764000200","text":{"body":"Здравствуйте, можно записаться на завтра?"},"type":"text"}]},"field":"messages"}]}]}""");
        return new Webhook($"/webhooks/whatsapp/{connections.WhatsApp}", body, WebhookSecrets.MetaSignatureHeader, WebhookSecrets.Sign(Seeder.AppSecret, body), wamid);
    }
}
