using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Retention.Commands.PurgeExpiredData;
using VirtuOps.Application.Tenants.Queries.GetMyTenant;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Retention;

/// <summary>A tenant's own message-history retention: the nightly purge deletes only that tenant's older messages.</summary>
public sealed class MessageRetentionTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private DateTimeOffset Now => factory.Time.GetUtcNow();

    private async Task<(SpaClient Owner, Guid BotId)> OwnerAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return (owner, (await BotTestData.CreateBotAsync(owner)).Id);
    }

    /// <summary>A web-widget conversation of the bot with one message per age given (days ago, oldest first).</summary>
    private Task<Guid> ConversationAsync(Guid botId, string visitor, params int[] messageAgesInDays) =>
        factory.QueryDatabaseAsync(async db =>
        {
            var bot = await db.Bots.IgnoreQueryFilters().SingleAsync(b => b.Id == botId);
            var contact = Contact.Create(bot.TenantId, Channel.Widget, visitor, visitor);
            var conversation = Conversation.Start(bot, contact, Now.AddDays(-messageAgesInDays[0]));
            db.Contacts.Add(contact);
            db.Conversations.Add(conversation);
            foreach (var age in messageAgesInDays)
                db.Messages.Add(conversation.Receive($"{visitor}, {age} days ago", Now.AddDays(-age), clientMessageId: null));
            await db.SaveChangesAsync();
            return conversation.Id;
        });

    private Task<List<string>> TextsAsync(Guid conversationId) =>
        factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().Where(m => m.ConversationId == conversationId).OrderBy(m => m.SentAt).Select(m => m.Text).ToListAsync());

    [Fact]
    public async Task The_purge_deletes_a_tenants_messages_older_than_its_retention_and_the_conversations_left_empty_but_not_other_tenants()
    {
        var (limited, limitedBot) = await OwnerAsync("retention-limited@example.uz", "+998901001701");
        var (unlimited, unlimitedBot) = await OwnerAsync("retention-unlimited@example.uz", "+998901001702");
        (await limited.Http.PutAsJsonAsync("/api/tenant/message-retention", new { days = 30 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await limited.GetAsync<TenantDto>("/api/tenant"))!.MessageRetentionDays.ShouldBe(30);
        (await unlimited.GetAsync<TenantDto>("/api/tenant"))!.MessageRetentionDays.ShouldBeNull();
        var oldOnly = await ConversationAsync(limitedBot, "old-visitor", 45, 31);
        var mixed = await ConversationAsync(limitedBot, "mixed-visitor", 40, 29, 1);
        var otherTenants = await ConversationAsync(unlimitedBot, "kept-visitor", 400, 45);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var purged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredDataCommand());
            purged.Messages.ShouldBe(3);
            purged.Conversations.ShouldBe(1);
        }

        (await factory.QueryDatabaseAsync(db => db.Conversations.IgnoreQueryFilters().AnyAsync(c => c.Id == oldOnly))).ShouldBeFalse();
        (await TextsAsync(mixed)).ShouldBe(["mixed-visitor, 29 days ago", "mixed-visitor, 1 days ago"]);
        (await TextsAsync(otherTenants)).ShouldBe(["kept-visitor, 400 days ago", "kept-visitor, 45 days ago"]);
    }

    [Fact]
    public async Task Retention_is_at_least_30_days_or_unlimited_and_only_the_owner_sets_it()
    {
        var (owner, _) = await OwnerAsync("retention-rules@example.uz", "+998901001703");

        (await owner.Http.PutAsJsonAsync("/api/tenant/message-retention", new { days = 29 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await owner.Http.PutAsJsonAsync("/api/tenant/message-retention", new { days = 90 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Http.PutAsJsonAsync("/api/tenant/message-retention", new { days = (int?)null })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.GetAsync<TenantDto>("/api/tenant"))!.MessageRetentionDays.ShouldBeNull();
        var agent = await Channels.ChannelTestData.InviteAgentAsync(factory, owner, "retention-agent@example.uz");
        (await agent.Http.PutAsJsonAsync("/api/tenant/message-retention", new { days = 60 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
