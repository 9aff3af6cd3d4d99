using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Team.Commands.InviteAgent;

/// <summary>The owner invites a colleague as an Agent; the e-mailed link lets them set a password and sign in.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record InviteAgentCommand(string FullName, string Email) : ICommand<Guid>;

public sealed class InviteAgentCommandHandler(ICurrentUser currentUser, IIdentityService identity, IEmailSender email, IOptions<AppLinksOptions> links)
    : ICommandHandler<InviteAgentCommand, Guid>
{
    public async ValueTask<Guid> Handle(InviteAgentCommand command, CancellationToken cancellationToken)
    {
        var address = command.Email.Trim();
        if (await identity.FindByEmailAsync(address, cancellationToken) is not null)
            throw new ConflictException("An account with this e-mail already exists.");

        var agentId = Guid.CreateVersion7();
        await identity.CreateUserAsync(agentId, currentUser.TenantId!.Value, command.FullName.Trim(), address, password: null, phoneNumber: null, Roles.Agent, cancellationToken);
        var token = await identity.CreatePasswordResetTokenAsync(agentId, cancellationToken);
        var link = links.Value.Link($"/reset-password?userId={agentId}&token={Uri.EscapeDataString(token)}&invited=1");
        await email.SendAsync(new EmailMessage(
            address,
            "VirtuOps: jamoaga taklif / Invitation to the team",
            $"Sizni VirtuOps jamoasiga taklif qilishdi. Parol oʻrnatish uchun havolani oching / You are invited to a VirtuOps team. Open the link to set your password:\n{link}"),
            cancellationToken);
        return agentId;
    }
}

public sealed class InviteAgentCommandValidator : AbstractValidator<InviteAgentCommand>
{
    public InviteAgentCommandValidator()
    {
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(254);
    }
}
