using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Common.Csv;
using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Privacy;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Privacy;

/// <summary>
/// Writes an export as the <see cref="ExportCatalog"/> describes it: a README.txt, one JSON file per kind and CSV for
/// conversations and messages. Rows are read a page at a time (keyset on the id) and written straight into the zip
/// entry, so memory stays flat however many messages a tenant has; every mapped property is written except those the
/// catalog withholds (secrets).
/// </summary>
internal sealed class DataExportWriter(ApplicationDbContext context, IOptions<LegalDocumentsOptions> legal) : IDataExportWriter
{
    /// <summary>Rows per query: large enough that a million messages take a thousand round trips, small enough to stay a few MB.</summary>
    internal const int PageSize = 1000;

    private const int FlushThresholdBytes = 64 * 1024;

    private static readonly JsonSerializerOptions JsonValues = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people: Cyrillic and Uzbek letters as they are
    };

    private static readonly JsonWriterOptions JsonFile = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task WriteAsync(DataExport export, Stream zip, CancellationToken cancellationToken)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        await WriteReadmeAsync(archive, export, legal.Value.PrivacyEmail, cancellationToken);

        var userId = export.UserId;
        var tenantId = export.TenantId;
        var users = context.Users.Where(u => u.Id == userId);
        await WriteUsersAsync(archive, ExportCatalog.Profile, users, cancellationToken);

        if (export.Scope == DataExportScope.Account)
        {
            await WriteJsonAsync(archive, ExportCatalog.Consents, context.ConsentRecords.Where(c => c.UserId == userId), cancellationToken);
            await WriteJsonAsync(archive, ExportCatalog.Sessions, context.UserSessions.Where(s => s.UserId == userId), cancellationToken);
            await WriteJsonAsync(archive, ExportCatalog.AccessLog, context.AccessLogs.Where(e => e.UserId == userId), cancellationToken);
            await WriteJsonAsync(archive, ExportCatalog.PrivacyRequests, context.PrivacyRequests.Where(r => r.UserId == userId), cancellationToken);
            return;
        }

        // The tenant's users: a handful of ids, so the per-user tables are read by membership.
        var userIds = await context.Users.Where(u => u.TenantId == tenantId).Select(u => u.Id).ToListAsync(cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Tenant, context.Tenants.Where(t => t.Id == tenantId), cancellationToken);
        await WriteUsersAsync(archive, ExportCatalog.Users, context.Users.Where(u => u.TenantId == tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Consents, context.ConsentRecords.Where(c => userIds.Contains(c.UserId)), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Sessions, context.UserSessions.Where(s => userIds.Contains(s.UserId)), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.AccessLog,
            context.AccessLogs.Where(e => e.TenantId == tenantId || (e.UserId != null && userIds.Contains(e.UserId.Value))), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.PrivacyRequests,
            context.PrivacyRequests.Where(r => r.TenantId == tenantId || (r.UserId != null && userIds.Contains(r.UserId.Value))), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Bots, Owned(context.Bots, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Knowledge, Owned(context.KnowledgeEntries, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Channels, Owned(context.ChannelConnections, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Contacts, Owned(context.Contacts, tenantId), cancellationToken);
        await WriteCsvAsync(archive, ExportCatalog.Conversations, Owned(context.Conversations, tenantId), cancellationToken);
        await WriteCsvAsync(archive, ExportCatalog.Messages, Owned(context.Messages, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Subscriptions, Owned(context.Subscriptions, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.PaymentMethods, Owned(context.PaymentMethods, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Charges, Owned(context.Charges, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Receipts, Owned(context.FiscalReceipts, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.ApiKeys, Owned(context.ApiKeys, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.WebhookSubscriptions, Owned(context.WebhookSubscriptions, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Partner, Owned(context.Partners, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Referrals, Owned(context.Referrals, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.PartnerLedger, Owned(context.PartnerLedger, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.PayoutAccount, Owned(context.PayoutAccounts, tenantId), cancellationToken);
        await WriteJsonAsync(archive, ExportCatalog.Payouts, Owned(context.Payouts, tenantId), cancellationToken);
    }

    // The worker has no signed-in tenant, so the tenant filter is replaced by the export's own tenant.
    private static IQueryable<T> Owned<T>(IQueryable<T> rows, Guid tenantId) where T : class, ITenantOwned =>
        rows.IgnoreQueryFilters().Where(e => e.TenantId == tenantId);

    private static async Task WriteReadmeAsync(ZipArchive archive, DataExport export, string privacyEmail, CancellationToken cancellationToken)
    {
        var language = export.Language;
        var text = new StringBuilder()
            .AppendLine(Readme.Title.In(language))
            .AppendLine()
            .AppendLine(string.Format(CultureInfo.InvariantCulture, Readme.Made.In(language), export.RequestedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .AppendLine((export.Scope == DataExportScope.Tenant ? Readme.TenantScope : Readme.AccountScope).In(language))
            .AppendLine(Readme.Format.In(language))
            .AppendLine();
        foreach (var file in ExportCatalog.FilesOf(export.Scope))
            text.Append(file.Name).Append(" — ").AppendLine(file.Description.In(language));
        text.AppendLine().AppendLine(Readme.Secrets.In(language)).Append(Readme.Questions.In(language)).AppendLine(privacyEmail);

        var entry = archive.CreateEntry(ExportCatalog.ReadmeFileName, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }

    private Task WriteJsonAsync<T>(ZipArchive archive, ExportedFile file, IQueryable<T> rows, CancellationToken cancellationToken) where T : BaseEntity =>
        WriteJsonRowsAsync(archive, file, InPages(rows, cancellationToken), extra: null, cancellationToken);

    /// <summary>Users, with their role names beside the row's own columns.</summary>
    private async Task WriteUsersAsync(ZipArchive archive, ExportedFile file, IQueryable<ApplicationUser> users, CancellationToken cancellationToken)
    {
        var roles = await context.UserRoles
            .Join(context.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(ur => users.Select(u => u.Id).Contains(ur.UserId))
            .ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name);
        await WriteJsonRowsAsync(archive, file, users.AsNoTracking().OrderBy(u => u.Email).AsAsyncEnumerable(),
            (json, user) =>
            {
                json.WritePropertyName("roles");
                JsonSerializer.Serialize(json, rolesByUser[user.Id].ToList(), JsonValues);
            },
            cancellationToken);
    }

    private async Task WriteJsonRowsAsync<T>(ZipArchive archive, ExportedFile file, IAsyncEnumerable<T> rows, Action<Utf8JsonWriter, T>? extra, CancellationToken cancellationToken)
        where T : class
    {
        var properties = ExportedProperties<T>(file);
        var entry = archive.CreateEntry(file.Name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await using var json = new Utf8JsonWriter(stream, JsonFile);
        json.WriteStartArray();
        await foreach (var row in rows)
        {
            json.WriteStartObject();
            foreach (var (name, property) in properties)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, property.GetGetter().GetClrValue(row), property.ClrType, JsonValues);
            }

            extra?.Invoke(json, row);
            json.WriteEndObject();
            if (json.BytesPending > FlushThresholdBytes)
                await json.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private async Task WriteCsvAsync<T>(ZipArchive archive, ExportedFile file, IQueryable<T> rows, CancellationToken cancellationToken) where T : BaseEntity
    {
        var properties = ExportedProperties<T>(file);
        var entry = archive.CreateEntry(file.Name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        // With a byte order mark, so Excel opens the Cyrillic and Uzbek text as UTF-8.
        await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: FlushThresholdBytes);
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var (name, _) in properties)
            csv.WriteField(name);
        await csv.NextRecordAsync();
        await foreach (var row in InPages(rows, cancellationToken))
        {
            foreach (var (_, property) in properties)
                csv.WriteField(SpreadsheetCsv.ToCell(Cell(property.GetGetter().GetClrValue(row))));
            await csv.NextRecordAsync();
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset at => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The entity's mapped properties in model order, minus the withheld ones, with their camelCase names.</summary>
    private List<(string Name, IProperty Property)> ExportedProperties<T>(ExportedFile file)
    {
        var entityType = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        return entityType.GetProperties()
            .Where(p => !p.IsShadowProperty() && !file.Withheld.Contains(p.Name))
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), (IProperty)p))
            .ToList();
    }

    /// <summary>The rows in id order, one page per query: no query holds more than a page, and none stays open while a file is written.</summary>
    private static async IAsyncEnumerable<T> InPages<T>(IQueryable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken) where T : BaseEntity
    {
        Guid? after = null;
        while (true)
        {
            var query = rows.AsNoTracking();
            if (after is { } last)
                query = query.Where(e => e.Id.CompareTo(last) > 0);
            var page = await query.OrderBy(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var row in page)
                yield return row;
            if (page.Count < PageSize)
                yield break;
            after = page[^1].Id;
        }
    }

    private static class Readme
    {
        public static readonly Texts Title = new(
            "VirtuOps — shaxsiy maʼlumotlaringiz nusxasi",
            "VirtuOps — копия ваших персональных данных",
            "VirtuOps — a copy of your personal data");

        public static readonly Texts Made = new(
            "Soʻrov vaqti: {0}. «Shaxsga doir maʼlumotlar toʻgʻrisida»gi ZRU-547-son Qonunga muvofiq.",
            "Запрошено: {0}. В соответствии с Законом «О персональных данных» № ЗРУ-547.",
            "Requested: {0}. Provided under the Law «On Personal Data» No. ZRU-547.");

        public static readonly Texts TenantScope = new(
            "Bu kompaniyangizning biz saqlayotgan barcha maʼlumotlari.",
            "Здесь все данные вашей компании, которые мы храним.",
            "This holds all the data of your company that we keep.");

        public static readonly Texts AccountScope = new(
            "Bu sizning hisobingizga oid maʼlumotlar (kompaniya maʼlumotlarini uning egasi yuklab oladi).",
            "Здесь данные вашего аккаунта (данные компании выгружает её владелец).",
            "This holds your own account's data (the company's data is exported by its owner).");

        public static readonly Texts Format = new(
            "JSON fayllar UTF-8 da, har biri yozuvlar roʻyxati; CSV fayllar Excel yoki Google Sheets da ochiladi. Vaqtlar UTC da.",
            "JSON-файлы в UTF-8, каждый — список записей; CSV-файлы открываются в Excel или Google Таблицах. Время указано в UTC.",
            "JSON files are UTF-8, each a list of records; CSV files open in Excel or Google Sheets. Times are in UTC.");

        public static readonly Texts Secrets = new(
            "Xavfsizlik uchun parol xeshi, kanal tokenlari, karta tokeni va API kalitlarining oʻzi kiritilmagan.",
            "В целях безопасности хеш пароля, токены каналов, токен карты и сами API-ключи не включены.",
            "For security, the password hash, channel tokens, the card token and the API keys themselves are left out.");

        public static readonly Texts Questions = new(
            "Savollar boʻlsa: ",
            "Вопросы: ",
            "Questions: ");
    }
}
