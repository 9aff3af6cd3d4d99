using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// Gives every JSON request body and every JSON success response an example, built from its schema with fixed,
/// plausible values (an id, a time, a first enum member, one item per list), so each operation in Swagger UI shows
/// the shape it takes and returns. Hand-written examples (<see cref="RequestExamplesOperationFilter"/>) stay as they are.
/// </summary>
internal sealed class SchemaExamplesDocumentFilter : IDocumentFilter
{
    // Deep enough for every DTO of this API; a self-referencing schema stops here instead of recursing forever.
    private const int MaxDepth = 8;

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            if (operation.RequestBody?.Content is { } body)
                FillIn(body, document);
            foreach (var (status, response) in operation.Responses?.AsEnumerable() ?? [])
                if (status.StartsWith('2') && response.Content is { } content)
                    FillIn(content, document);
        }
    }

    private static void FillIn(IDictionary<string, OpenApiMediaType> content, OpenApiDocument document)
    {
        foreach (var (mediaType, media) in content)
            if (mediaType.Contains("json", StringComparison.Ordinal) && media.Example is null && media.Schema is { } schema)
                media.Example = Example(schema, document, null, 0);
    }

    private static JsonNode? Example(IOpenApiSchema schema, OpenApiDocument document, string? name, int depth)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is not { } id || document.Components?.Schemas?.TryGetValue(id, out var target) != true || depth > MaxDepth)
                return null;
            schema = target!;
        }
        if (schema.Enum is { Count: > 0 } members)
            return members.First(m => m is not null)?.DeepClone();
        if ((schema.AllOf ?? schema.OneOf ?? schema.AnyOf)?.FirstOrDefault() is { } first)
            return Example(first, document, name, depth + 1);

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : default);
        if (type.HasFlag(JsonSchemaType.Array))
            return schema.Items is { } items ? new JsonArray(Example(items, document, name, depth + 1)) : new JsonArray();
        if (type.HasFlag(JsonSchemaType.Object))
        {
            var result = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                result[property] = Example(propertySchema, document, property, depth + 1);
            if (schema.Properties is not { Count: > 0 } && schema.AdditionalProperties is { } values)
                result["key"] = Example(values, document, "key", depth + 1);
            return result;
        }
        if (type.HasFlag(JsonSchemaType.Boolean))
            return true;
        if (type.HasFlag(JsonSchemaType.Integer))
            return JsonValue.Create(Bounded(1, schema));
        if (type.HasFlag(JsonSchemaType.Number))
            return JsonValue.Create(Bounded(0.5m, schema));
        if (type.HasFlag(JsonSchemaType.String))
            return Text(schema.Format, name);
        return null;
    }

    private static decimal Bounded(decimal value, IOpenApiSchema schema)
    {
        if (decimal.TryParse(schema.Minimum, System.Globalization.CultureInfo.InvariantCulture, out var minimum) && value < minimum)
            return minimum;
        if (decimal.TryParse(schema.Maximum, System.Globalization.CultureInfo.InvariantCulture, out var maximum) && value > maximum)
            return maximum;
        return value;
    }

    // The first fragment a property's name contains picks its example; anything else gets a neutral word.
    private static readonly (string Fragment, string Example)[] NamedTexts =
    [
        ("email", "owner@shop.uz"), ("phone", "+998901234567"), ("url", "https://shop.uz"), ("link", "https://shop.uz"), ("origin", "https://shop.uz"),
        ("cursor", "AAjdSy0b9AABlvLEAABwAIAAAAAAAAAA"), ("maskedpan", "860049******1234"), ("code", "start"), ("language", "uz"),
        ("name", "Doʻkon yordamchisi"), ("text", "Assalomu alaykum!"), ("message", "Assalomu alaykum!"), ("answer", "Ha, yetkazib beramiz."),
        ("question", "Yetkazib berish bormi?"), ("reason", "Mijoz soʻrovi"),
    ];

    private static JsonNode Text(string? format, string? name)
    {
        var lower = name?.ToLowerInvariant() ?? "";
        return format switch
        {
            "uuid" => "0196f2c4-0000-7000-8000-0000000000a1",
            "date-time" => "2026-12-07T09:30:00+00:00",
            "date" => "2026-12-07",
            "uri" => "https://shop.uz",
            "email" => "owner@shop.uz",
            "byte" => "AQID",
            _ => NamedTexts.FirstOrDefault(t => lower.Contains(t.Fragment, StringComparison.Ordinal)).Example ?? "example",
        };
    }
}
