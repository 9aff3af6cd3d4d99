using VirtuOps.Domain.DemoRequests;

namespace VirtuOps.Application.DemoRequests.Commands.CreateDemoRequest;

/// <summary>A prospect asks, from the public site, to be shown the product.</summary>
public sealed record CreateDemoRequestCommand(
    string FullName,
    string Email,
    string CompanyName,
    string? PhoneNumber,
    string? Message) : ICommand<Guid>;

public sealed class CreateDemoRequestCommandHandler(IApplicationDbContext context)
    : ICommandHandler<CreateDemoRequestCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateDemoRequestCommand command, CancellationToken cancellationToken)
    {
        var demoRequest = DemoRequest.Submit(command.FullName, command.Email, command.CompanyName, command.PhoneNumber, command.Message);
        context.DemoRequests.Add(demoRequest);
        await context.SaveChangesAsync(cancellationToken);
        return demoRequest.Id;
    }
}
