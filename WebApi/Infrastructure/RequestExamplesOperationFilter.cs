using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.Billing.Commands.StartCardBinding;
using VirtuOps.Application.Bots.Commands.CreateBot;
using VirtuOps.Application.Bots.Commands.UpdateBot;
using VirtuOps.Application.Webhooks.Commands.CreateWebhookSubscription;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Webhooks;
using VirtuOps.WebApi.Endpoints;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// Request-body examples for the main operations. They are objects of the request types, serialised with the API's own
/// JSON options, so an example cannot drift from the body it illustrates: a renamed field breaks the build.
/// </summary>
internal sealed class RequestExamplesOperationFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(CreateBotCommand)] = new CreateBotCommand("Doʻkon yordamchisi", "Assalomu alaykum! Sizga qanday yordam bera olaman?",
            "Kechirasiz, javob topa olmadim. Operatorga ulayman."),
        [typeof(UpdateBotCommand)] = new UpdateBotCommand(
            Guid.Parse("0196f2c4-0000-7000-8000-0000000000b1"), "Doʻkon yordamchisi", "Assalomu alaykum! Sizga qanday yordam bera olaman?",
            "Kechirasiz, javob topa olmadim. Operatorga ulayman.", "Qisqa va xushmuomala javob bering.", [BotLanguage.UzLatn, BotLanguage.Ru],
            ["operator", "оператор"], 0.35, ["https://shop.uz"]),
        [typeof(Bots.KnowledgeEntryRequest)] = new Bots.KnowledgeEntryRequest(["Yetkazib berish bormi?", "Доставка есть?"], "Ha, Toshkent boʻylab 1–2 kunda yetkazamiz."),
        [typeof(Bots.KnowledgeImportRequest)] = new Bots.KnowledgeImportRequest("questions,answer\n\"Ish vaqtingiz qanday?|Soat nechida ochilasiz?\",Har kuni 9:00 dan 21:00 gacha.\n"),
        [typeof(Bots.PlaygroundRequest)] = new Bots.PlaygroundRequest("Yetkazib berish bormi?"),
        [typeof(Inbox.ReplyRequest)] = new Inbox.ReplyRequest("Buyurtmangiz yoʻlda, ertaga yetib boradi."),
        // The sandbox's test card (README): never a real number in the documentation.
        [typeof(StartCardBindingCommand)] = new StartCardBindingCommand("8600 0000 0000 0031", "07/39", "start", CheckoutPurpose.Subscribe),
        [typeof(Billing.ConfirmCardRequest)] = new Billing.ConfirmCardRequest(Guid.Parse("0196f2c4-0000-7000-8000-0000000000a1"), "123456"),
        [typeof(CreateApiKeyCommand)] = new CreateApiKeyCommand("CRM", [ApiKeyScope.Read, ApiKeyScope.Write]),
        [typeof(CreateWebhookSubscriptionCommand)] = new CreateWebhookSubscriptionCommand(
            "https://crm.example.uz/virtuops", [WebhookEventTypes.MessageReceived, WebhookEventTypes.ConversationHandedOver], "CRM"),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var bodyType = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        if (bodyType is null || !Examples.TryGetValue(bodyType, out var example)
            || operation.RequestBody?.Content?.TryGetValue("application/json", out var media) != true)
            return;
        media!.Example = JsonSerializer.SerializeToNode(example, bodyType, json.Value.SerializerOptions);
    }
}
