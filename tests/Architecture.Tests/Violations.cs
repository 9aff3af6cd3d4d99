using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

// Deliberately broken types: each architecture rule must report at least one of them.
namespace Architecture.Tests.Violations;

public sealed class EntityThatKnowsItsDbContext
{
    public DbContext? Context { get; set; }
}

public sealed class UseCaseThatReadsTheHttpRequest
{
    public HttpContext? HttpContext { get; set; }
}

public sealed class JobThatCallsTheHost
{
    public Type Host { get; } = typeof(VirtuOps.WebApi.DependencyInjection);
}

public sealed record RenameBot(string Name) : ICommand<Guid>;

public sealed record BotList : IQuery<int>;

public class RenameBotProcessor : ICommandHandler<RenameBot, Guid>
{
    public ValueTask<Guid> Handle(RenameBot command, CancellationToken cancellationToken) => ValueTask.FromResult(Guid.Empty);
}

public sealed class RenameBotRules : AbstractValidator<RenameBot>;
