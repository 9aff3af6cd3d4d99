using VirtuOps.Application.AdminTenants.Commands.CancelTenantSubscription;
using VirtuOps.Application.AdminTenants.Commands.ExtendTrial;
using VirtuOps.Application.AdminTenants.Commands.ReactivateTenant;
using VirtuOps.Application.AdminTenants.Commands.ResendReceipt;
using VirtuOps.Application.AdminTenants.Commands.ResetOwnerTwoFactor;
using VirtuOps.Application.AdminTenants.Commands.SuspendTenant;
using VirtuOps.Application.AdminTenants.Queries.GetTenantConversationMessages;
using VirtuOps.Application.AdminTenants.Queries.GetTenantConversations;
using VirtuOps.Application.AdminTenants.Queries.GetTenantKnowledge;
using VirtuOps.Application.AdminTenants.Queries.GetTenantProfile;
using VirtuOps.Application.AdminTenants.Queries.SearchTenants;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Billing;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Tenants as platform staff (Admin and Support) find and look after them.</summary>
public sealed class AdminTenants : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/tenants");
        group.MapGet("/", SearchTenants).ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetTenantProfile).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/suspend", SuspendTenant).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/reactivate", ReactivateTenant).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/extend-trial", ExtendTrial).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/reset-two-factor", ResetOwnerTwoFactor).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/receipts/{receiptId:guid}/resend", ResendReceipt).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/cancel-subscription", CancelTenantSubscription).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/conversations", GetTenantConversations).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/conversations/{conversationId:guid}/messages", GetTenantConversationMessages).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/knowledge", GetTenantKnowledge).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Tenants newest first. <c>search</c> matches the tenant id, a part of the name, or the exact e-mail address or
    /// mobile number of one of its people; filter by plan code and subscription status. Pass the previous page's
    /// <c>nextCursor</c> as <c>cursor</c> for the next page.
    /// </summary>
    public static async Task<Ok<CursorPage<TenantListItemDto>>> SearchTenants(ISender sender, CancellationToken cancellationToken,
        string? search = null, string? plan = null, SubscriptionStatus? status = null, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new SearchTenantsQuery(search, plan, status, cursor, limit), cancellationToken));

    /// <summary>One tenant: people, plan and subscription, channels and their health, last activity, consent history (metadata only).</summary>
    public static async Task<Ok<TenantProfileDto>> GetTenantProfile(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetTenantProfileQuery(id), cancellationToken));

    /// <summary>Suspend the tenant (the restriction of processing's hold) with a reason the owner is e-mailed; repeating it changes nothing.</summary>
    public static async Task<NoContent> SuspendTenant(ISender sender, Guid id, SuspendTenantCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command with { Id = id }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Lift the suspension (other restrictions stay); the owner is e-mailed; repeating it changes nothing.</summary>
    public static async Task<NoContent> ReactivateTenant(ISender sender, Guid id, ReactivateTenantCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command with { Id = id }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Let the trial run until <c>days</c> (1 to 90) days from today; never shortens it, so repeating it changes nothing.</summary>
    public static async Task<Ok<TrialDto>> ExtendTrial(ISender sender, Guid id, ExtendTrialCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command with { Id = id }, cancellationToken));

    /// <summary>
    /// Turn off the owner's two-factor sign-in (lost phone) after checking who asks; <c>reason</c> notes how. The owner's
    /// sessions end and the owner is e-mailed. Repeating it changes nothing.
    /// </summary>
    public static async Task<Ok<TwoFactorResetDto>> ResetOwnerTwoFactor(ISender sender, Guid id, ResetOwnerTwoFactorCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command with { Id = id }, cancellationToken));

    /// <summary>E-mail one of the tenant's issued fiscal receipts to the owner again; 409 while Paylov has not issued it.</summary>
    public static async Task<NoContent> ResendReceipt(ISender sender, Guid id, Guid receiptId, ResendReceiptCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command with { Id = id, ReceiptId = receiptId }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Cancel the subscription on the customer's behalf, as the owner's Cancel does; repeating it changes nothing.</summary>
    public static async Task<NoContent> CancelTenantSubscription(ISender sender, Guid id, CancelTenantSubscriptionCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command with { Id = id }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The tenant's conversations, most recently active first, only while the owner's access grant runs (403 without
    /// one); each read is in the staff audit log with the grant's reason.
    /// </summary>
    public static async Task<Ok<CursorPage<ConversationSummaryDto>>> GetTenantConversations(ISender sender, Guid id, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetTenantConversationsQuery(id, cursor, limit), cancellationToken));

    /// <summary>One of the tenant's conversations, newest message first, only while the owner's access grant runs (403 without one).</summary>
    public static async Task<Ok<CursorPage<MessageDto>>> GetTenantConversationMessages(ISender sender, Guid id, Guid conversationId,
        CancellationToken cancellationToken, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetTenantConversationMessagesQuery(id, conversationId, cursor, limit), cancellationToken));

    /// <summary>The knowledge of all the tenant's bots, newest first, only while the owner's access grant runs (403 without one).</summary>
    public static async Task<Ok<CursorPage<KnowledgeEntryDto>>> GetTenantKnowledge(ISender sender, Guid id, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetTenantKnowledgeQuery(id, cursor, limit), cancellationToken));
}
