using System.Reflection;
using NetArchTest.Rules;

namespace Architecture.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly DomainAssembly = typeof(VirtuOps.Domain.Common.BaseEntity).Assembly;
    private static readonly Assembly ApplicationAssembly = typeof(VirtuOps.Application.DependencyInjection).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(VirtuOps.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebApiAssembly = typeof(VirtuOps.WebApi.DependencyInjection).Assembly;

    private static Types Solution => Types.InAssemblies([DomainAssembly, ApplicationAssembly, InfrastructureAssembly, WebApiAssembly]);

    private static Types Violations => Types.InNamespace("Architecture.Tests.Violations");

    public static TheoryData<string> RuleNames =>
    [
        nameof(Rules.DomainDependsOnNothingOutward),
        nameof(Rules.ApplicationDependsOnlyInward),
        nameof(Rules.InfrastructureDoesNotDependOnTheHost),
        nameof(Rules.CommandsAreNamedCommand),
        nameof(Rules.QueriesAreNamedQuery),
        nameof(Rules.HandlersAreSealedAndNamedHandler),
        nameof(Rules.ValidatorsAreNamedValidator),
    ];

    private static TestResult Check(string ruleName, Types types) =>
        (TestResult)typeof(Rules).GetMethod(ruleName)!.Invoke(null, [types])!;

    private static Types TypesTheRuleGoverns(string ruleName) => ruleName switch
    {
        nameof(Rules.DomainDependsOnNothingOutward) => Types.InAssembly(DomainAssembly),
        nameof(Rules.ApplicationDependsOnlyInward) => Types.InAssembly(ApplicationAssembly),
        nameof(Rules.InfrastructureDoesNotDependOnTheHost) => Types.InAssembly(InfrastructureAssembly),
        _ => Solution,
    };

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void The_solution_follows_the_rule(string ruleName)
    {
        var result = Check(ruleName, TypesTheRuleGoverns(ruleName));

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
        result.IsSuccessful.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void The_rule_catches_a_deliberate_violation(string ruleName)
    {
        var result = Check(ruleName, Violations);

        result.IsSuccessful.ShouldBeFalse();
        result.FailingTypeNames.ShouldNotBeEmpty();
    }

    [Fact]
    public void No_project_uses_MediatR_or_AutoMapper()
    {
        Rules.NoBannedLibraries(Solution).IsSuccessful.ShouldBeTrue();
    }

    [Fact]
    public void Project_references_point_inward_only()
    {
        static string[] References(Assembly assembly) =>
            assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("VirtuOps.", StringComparison.Ordinal)).Order().ToArray();

        References(DomainAssembly).ShouldBeEmpty();
        References(ApplicationAssembly).ShouldBe([Rules.Domain]);
        References(InfrastructureAssembly).ShouldBe([Rules.Application, Rules.Domain], ignoreOrder: true);
    }
}
