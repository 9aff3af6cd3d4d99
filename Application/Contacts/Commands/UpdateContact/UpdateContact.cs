using System.Text.RegularExpressions;
using VirtuOps.Application.Contacts.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Contacts.Commands.UpdateContact;

/// <summary>
/// Replaces the tenant's name for a customer, their notes and custom attributes (a CRM keeps its ids here). Attributes
/// left out are removed; an empty object clears them.
/// </summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record UpdateContactCommand(Guid Id, string DisplayName, string? Notes, IReadOnlyDictionary<string, string>? Attributes)
    : ICommand<ContactDto>;

public sealed class UpdateContactCommandHandler(IApplicationDbContext context) : ICommandHandler<UpdateContactCommand, ContactDto>
{
    public async ValueTask<ContactDto> Handle(UpdateContactCommand command, CancellationToken cancellationToken)
    {
        var contact = await context.Contacts.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such contact.");
        contact.Update(command.DisplayName, command.Notes, command.Attributes ?? new Dictionary<string, string>());
        await context.SaveChangesAsync(cancellationToken);
        return contact.ToDto();
    }
}

public sealed partial class UpdateContactCommandValidator : AbstractValidator<UpdateContactCommand>
{
    public UpdateContactCommandValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(Contact.DisplayNameMaxLength);
        RuleFor(c => c.Notes).MaximumLength(Contact.NotesMaxLength);
        RuleFor(c => c.Attributes)
            .Must(a => a is null || a.Count <= Contact.MaxAttributes)
            .WithMessage($"At most {Contact.MaxAttributes} attributes.")
            .Must(a => a is null || a.Keys.All(AttributeKey().IsMatch))
            .WithMessage($"Each attribute name is 1 to {Contact.AttributeKeyMaxLength} letters, digits, '_', '-' or '.'.")
            .Must(a => a is null || a.Values.All(v => v is not null && v.Length <= Contact.AttributeValueMaxLength))
            .WithMessage($"Each attribute value is text of at most {Contact.AttributeValueMaxLength} characters.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex AttributeKey();
}
