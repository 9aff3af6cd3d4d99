using System.Security.Cryptography;
using VirtuOps.Application.Billing.Usage;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Commands.CreateBot;

/// <summary>The owner creates a bot with sensible defaults; it is edited afterwards.</summary>
[Authorize(Roles = Roles.Owner, RequireVerifiedPhone = true)]
public sealed record CreateBotCommand(string Name, string? Greeting, string? FallbackMessage) : ICommand<BotDto>;

public sealed class CreateBotCommandHandler(IApplicationDbContext context, ITenantLimitGate limitGate, TenantPlans plans) : ICommandHandler<CreateBotCommand, BotDto>
{
    public async ValueTask<BotDto> Handle(CreateBotCommand command, CancellationToken cancellationToken)
    {
        var maxBots = (await plans.CurrentAsync(cancellationToken)).MaxBots;
        var bot = Bot.Create(
            command.Name,
            string.IsNullOrWhiteSpace(command.Greeting) ? "Assalomu alaykum! Sizga qanday yordam bera olaman? / Здравствуйте! Чем могу помочь?" : command.Greeting,
            string.IsNullOrWhiteSpace(command.FallbackMessage) ? "Kechirasiz, bu savolga javob topa olmadim. Operator bilan bogʻlanishni xohlaysizmi? / Извините, я не нашёл ответа. Позвать оператора?" : command.FallbackMessage,
            NewWidgetKey());

        // Counted and saved behind the gate: racing requests would otherwise all count the same bots and all insert.
        return await limitGate.RunAsync(async () =>
        {
            if (await context.Bots.CountAsync(cancellationToken) >= maxBots)
                throw new Domain.Exceptions.DomainRuleViolationException($"Your plan allows {maxBots} bots.");

            context.Bots.Add(bot);
            await context.SaveChangesAsync(cancellationToken);
            return bot.ToDto();
        }, cancellationToken);
    }

    private static string NewWidgetKey() => "wk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

public sealed class CreateBotCommandValidator : AbstractValidator<CreateBotCommand>
{
    public CreateBotCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Bot.NameMaxLength);
        RuleFor(c => c.Greeting).MaximumLength(Bot.GreetingMaxLength);
        RuleFor(c => c.FallbackMessage).MaximumLength(Bot.FallbackMaxLength);
    }
}
