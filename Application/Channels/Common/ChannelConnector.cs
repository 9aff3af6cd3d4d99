using System.Buffers.Text;
using System.Security.Cryptography;
using VirtuOps.Application.Billing.Usage;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Application.Channels.Common;

/// <summary>The account a provider confirmed for a set of credentials, and the name the owner recognises it by.</summary>
public sealed record ProviderAccount(string AccountId, string DisplayName);

/// <summary>
/// The steps every channel connection shares: the bot and the plan allow it, the provider accepts the credentials,
/// nobody else has the account, and the connection is saved with its credentials encrypted.
/// </summary>
public sealed class ChannelConnector(
    IApplicationDbContext context,
    ISecretProtector secrets,
    ITelegramBotApi telegram,
    IMetaGraphApi meta,
    TimeProvider time,
    ITenantLimitGate limitGate,
    TenantPlans plans)
{
    /// <summary>A random secret of 43 URL-safe characters (256 bits): Telegram's secret_token, Meta's verify token.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The tenant's bot, when it may get a <paramref name="channel"/> connection: 404, 409 (it has one), 422 (plan limit).</summary>
    public async Task<Bot> FindBotToConnectAsync(Guid botId, Channel channel, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.SingleOrDefaultAsync(b => b.Id == botId, cancellationToken) ?? throw new NotFoundException("No such bot.");
        if (await context.ChannelConnections.AnyAsync(c => c.BotId == botId && c.Channel == channel && c.DisconnectedAt == null, cancellationToken))
            throw new ConflictException($"This bot is already connected to {channel}. Disconnect it first.");

        // Checked here so a connection over the limit never reaches the provider; SaveAsync checks again atomically.
        await EnsureChannelAllowedAsync(cancellationToken);
        return bot;
    }

    private async Task EnsureChannelAllowedAsync(CancellationToken cancellationToken)
    {
        var maxChannels = (await plans.CurrentAsync(cancellationToken)).MaxChannels;
        if (await context.ChannelConnections.CountAsync(c => c.DisconnectedAt == null, cancellationToken) >= maxChannels)
            throw new DomainRuleViolationException($"Your plan allows {maxChannels} connected channels.");
    }

    /// <summary>
    /// Asks the provider who these credentials belong to. Telegram's answer names the bot (its id is the account);
    /// Meta's confirms the number or account the owner gave. A refusal becomes a field error on <paramref name="tokenField"/>
    /// or <paramref name="accountField"/>; an outage or rate limit propagates as a <see cref="ChannelApiException"/>.
    /// </summary>
    public async Task<ProviderAccount> IdentifyAsync(Channel channel, string? accountId, string accessToken, string tokenField, string? accountField,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ProbeAsync(channel, accountId, accessToken, cancellationToken);
        }
        catch (ChannelApiException ex) when (ex.Failure == ChannelFailure.Unauthorized)
        {
            throw ValidationException.ForField(tokenField, $"{channel} refused this token.");
        }
        catch (ChannelApiException ex) when (ex.Failure == ChannelFailure.Rejected)
        {
            throw ValidationException.ForField(accountField ?? tokenField, ex.Message);
        }
    }

    /// <summary>Calls the provider with the credentials: Telegram getMe, the WhatsApp number or the Instagram account.</summary>
    public async Task<ProviderAccount> ProbeAsync(Channel channel, string? accountId, string accessToken, CancellationToken cancellationToken)
    {
        switch (channel)
        {
            case Channel.Telegram:
                var me = await telegram.GetMeAsync(accessToken, cancellationToken);
                return new ProviderAccount(me.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"@{me.Username}");
            case Channel.WhatsApp:
                var number = await meta.GetWhatsAppNumberAsync(accountId!, accessToken, cancellationToken);
                return new ProviderAccount(accountId!, string.IsNullOrWhiteSpace(number.VerifiedName)
                    ? number.DisplayPhoneNumber
                    : $"{number.DisplayPhoneNumber} ({number.VerifiedName})");
            case Channel.Instagram:
                var account = await meta.GetInstagramAccountAsync(accountId!, accessToken, cancellationToken);
                return new ProviderAccount(accountId!, $"@{account.Username}");
            default:
                throw new ArgumentOutOfRangeException(nameof(channel), channel, "The web widget has no provider.");
        }
    }

    /// <summary>
    /// Saves a new live connection if the plan still allows it (checked behind the tenant's limit gate, so racing
    /// connections cannot together exceed it: 422). A provider account can deliver its webhooks to one place only, so
    /// an account connected anywhere on the platform (any tenant) is a 409, as is losing a race to the unique indexes.
    /// </summary>
    public async Task<ChannelConnection> SaveAsync(Bot bot, Channel channel, ProviderAccount account, string? businessAccountId,
        ChannelCredentials credentials, CancellationToken cancellationToken)
    {
        if (await AccountTakenAsync(channel, account.AccountId, cancellationToken))
            throw AccountTaken(channel);

        var connection = ChannelConnection.Connect(bot, channel, account.AccountId, account.DisplayName, businessAccountId,
            id => secrets.ProtectCredentials(credentials, id), time.GetUtcNow());
        return await limitGate.RunAsync(async () =>
        {
            await EnsureChannelAllowedAsync(cancellationToken);
            context.ChannelConnections.Add(connection);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                context.ChannelConnections.Remove(connection);
                if (await AccountTakenAsync(channel, account.AccountId, cancellationToken)
                    || await context.ChannelConnections.AnyAsync(c => c.BotId == bot.Id && c.Channel == channel && c.DisconnectedAt == null, cancellationToken))
                    throw AccountTaken(channel);
                throw;
            }

            return connection;
        }, cancellationToken);
    }

    private Task<bool> AccountTakenAsync(Channel channel, string accountId, CancellationToken cancellationToken) =>
        context.ChannelConnections.IgnoreQueryFilters().AnyAsync(c => c.Channel == channel && c.AccountId == accountId && c.DisconnectedAt == null, cancellationToken);

    private static ConflictException AccountTaken(Channel channel) =>
        new($"This {channel} account is already connected to a bot. Disconnect it there first.");
}
