using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Infrastructure.Ai.Retrieval;

namespace VirtuOps.Infrastructure.Ai;

public static class AnswerEngineServiceCollectionExtensions
{
    /// <summary>
    /// The built-in answer engine: <see cref="IKnowledgeSearch"/> (in-memory BM25 indexes, one per bot) and
    /// <see cref="IAnswerEngine"/>, with the optional LLM of the <c>Ai:Llm</c> section (validated on start).
    /// Both are scoped; the host registers the <see cref="IKnowledgeProvider"/> they read knowledge from.
    /// </summary>
    public static IServiceCollection AddAnswerEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<KnowledgeIndexCache>();
        services.TryAddScoped<IKnowledgeSearch, LuceneKnowledgeSearch>();
        services.TryAddScoped<IAnswerEngine, AnswerEngine>();

        if (configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() is { IsConfigured: true })
            services.AddKeyedSingleton(AnswerEngine.ChatClientKey, (provider, _) => CreateChatClient(provider.GetRequiredService<IOptions<LlmOptions>>().Value));

        return services;
    }

    private static IChatClient CreateChatClient(LlmOptions options) =>
        new ChatClient(options.Model!, new ApiKeyCredential(options.ApiKey!), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl!),
            // A customer is waiting: falling back to the retrieved answer beats retrying with backoff.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).AsIChatClient();
}
