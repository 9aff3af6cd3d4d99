using System.Text.Json.Serialization;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Common.Concurrency;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Commands.UpdateBot;

[Authorize(Roles = Roles.Owner)]
public sealed record UpdateBotCommand(
    Guid Id,
    string Name,
    string Greeting,
    string FallbackMessage,
    string? Persona,
    IReadOnlyList<BotLanguage> Languages,
    IReadOnlyList<string> HandoffKeywords,
    double ConfidenceThreshold,
    IReadOnlyList<string> AllowedOrigins) : ICommand<BotDto>
{
    /// <summary>The request's <c>If-Match</c> header, when the caller wants its write to fail if the bot changed meanwhile.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class UpdateBotCommandHandler(IApplicationDbContext context) : ICommandHandler<UpdateBotCommand, BotDto>
{
    public async ValueTask<BotDto> Handle(UpdateBotCommand command, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.SingleOrDefaultAsync(b => b.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such bot.");
        EntityTags.EnsureMatches(command.IfMatch, bot.Version);
        bot.Update(command.Name, command.Greeting, command.FallbackMessage, command.Persona, command.Languages,
            command.HandoffKeywords, command.ConfidenceThreshold, command.AllowedOrigins);
        await context.SaveChangesIfUnchangedAsync(command.IfMatch, cancellationToken);
        return bot.ToDto();
    }
}

public sealed class UpdateBotCommandValidator : AbstractValidator<UpdateBotCommand>
{
    public UpdateBotCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Bot.NameMaxLength);
        RuleFor(c => c.Greeting).NotEmpty().MaximumLength(Bot.GreetingMaxLength);
        RuleFor(c => c.FallbackMessage).NotEmpty().MaximumLength(Bot.FallbackMaxLength);
        RuleFor(c => c.Persona).MaximumLength(Bot.PersonaMaxLength);
        RuleFor(c => c.Languages).NotEmpty();
        RuleForEach(c => c.Languages).IsInEnum();
        RuleFor(c => c.HandoffKeywords).NotNull().Must(k => k.Count <= 20).WithMessage("At most 20 handoff keywords.");
        RuleForEach(c => c.HandoffKeywords).NotEmpty().MaximumLength(50);
        RuleFor(c => c.ConfidenceThreshold).InclusiveBetween(0, 1);
        RuleFor(c => c.AllowedOrigins).NotNull().Must(o => o.Count <= 20).WithMessage("At most 20 origins.");
        RuleForEach(c => c.AllowedOrigins)
            .Must(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/")
            .WithMessage("Each origin is a scheme and host, e.g. https://shop.uz.");
    }
}
