namespace VirtuOps.Application.DemoRequests.Queries.GetDemoRequests;

public sealed record DemoRequestDto
{
    public required Guid Id { get; init; }

    public required string FullName { get; init; }

    public required string Email { get; init; }

    public required string CompanyName { get; init; }

    public string? PhoneNumber { get; init; }

    public string? Message { get; init; }

    public required DateTimeOffset Created { get; init; }
}
