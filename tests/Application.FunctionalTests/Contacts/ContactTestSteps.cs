using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Contacts;

/// <summary>An owner whose Telegram bot customers write to (one Telegram connection per app: its bot id is fixed).</summary>
internal sealed class TelegramShop(VirtuOpsApiFactory factory, SpaClient owner, Guid botId, Guid connectionId)
{
    public SpaClient Owner => owner;

    public Guid BotId => botId;

    public static async Task<TelegramShop> OpenAsync(VirtuOpsApiFactory factory, string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var bot = await BotTestData.CreateBotAsync(owner);
        return new TelegramShop(factory, owner, bot.Id, await ChannelTestData.ConnectAsync(factory, bot.Id, Channel.Telegram));
    }

    /// <summary>A customer writes; the stored webhook is processed as the background processor would.</summary>
    public async Task CustomerWritesAsync(long updateId, long chatId, string text)
    {
        (await factory.PostTelegramAsync(connectionId, ChannelTestData.TelegramText(updateId, chatId, text), ChannelTestData.TelegramSecret)).EnsureSuccessStatusCode();
        await factory.ProcessInboxAsync();
    }

    public async Task<Guid> ContactIdOfAsync(long chatId)
    {
        var externalId = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var conversations = (await owner.GetAsync<CursorPage<ConversationSummaryDto>>("/api/inbox/conversations?limit=50"))!;
        return conversations.Items.First(c => c.ContactExternalId == externalId).ContactId;
    }

    public Task<List<Contact>> ContactsAsync(long chatId)
    {
        var externalId = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().Where(c => c.ExternalId == externalId).ToListAsync());
    }
}
