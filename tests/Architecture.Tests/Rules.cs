using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace Architecture.Tests;

/// <summary>
/// The architecture rules, written once and applied both to the solution (which must pass) and to the
/// deliberately broken types in <see cref="Violations"/> (which must fail), so every rule is known to bite.
/// </summary>
public static class Rules
{
    public const string Domain = "VirtuOps.Domain";
    public const string Application = "VirtuOps.Application";
    public const string Infrastructure = "VirtuOps.Infrastructure";
    public const string WebApi = "VirtuOps.WebApi";

    public static TestResult DomainDependsOnNothingOutward(Types types) =>
        types.ShouldNot().HaveDependencyOnAny(Application, Infrastructure, WebApi, "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore").GetResult();

    public static TestResult ApplicationDependsOnlyInward(Types types) =>
        types.ShouldNot().HaveDependencyOnAny(Infrastructure, WebApi, "Microsoft.AspNetCore").GetResult();

    public static TestResult InfrastructureDoesNotDependOnTheHost(Types types) =>
        types.ShouldNot().HaveDependencyOn(WebApi).GetResult();

    public static TestResult NoBannedLibraries(Types types) =>
        types.ShouldNot().HaveDependencyOnAny("MediatR", "AutoMapper").GetResult();

    public static TestResult CommandsAreNamedCommand(Types types) =>
        types.That().ImplementInterface(typeof(ICommand<>)).Should().HaveNameEndingWith("Command").GetResult();

    public static TestResult QueriesAreNamedQuery(Types types) =>
        types.That().ImplementInterface(typeof(IQuery<>)).Should().HaveNameEndingWith("Query").GetResult();

    public static TestResult HandlersAreSealedAndNamedHandler(Types types) =>
        types.That().ImplementInterface(typeof(ICommandHandler<,>))
            .Or().ImplementInterface(typeof(IQueryHandler<,>))
            .Or().ImplementInterface(typeof(INotificationHandler<>))
            .Should().HaveNameEndingWith("Handler").And().BeSealed().GetResult();

    public static TestResult ValidatorsAreNamedValidator(Types types) =>
        types.That().Inherit(typeof(AbstractValidator<>)).Should().HaveNameEndingWith("Validator").GetResult();
}
