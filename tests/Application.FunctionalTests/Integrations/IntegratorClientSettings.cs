using System.Text.Json;
using System.Text.Json.Serialization;

namespace Application.FunctionalTests.Integrations.Client;

// The API writes enums as their names. NSwag marks enum properties so, but not lists of enums (a bot's languages), so
// an integrator adds the converter once per client, through the hook NSwag generates for it.
public partial class BotsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
}

public partial class InboxClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
}
