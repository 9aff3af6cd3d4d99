using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.PlanChanges;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Application.Billing.Usage;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Application.Widget.Common;
using VirtuOps.Infrastructure.Ai;
using Quartz;
using VirtuOps.Application.AccessLogs;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Retention;
using VirtuOps.Application.Erasure;
using VirtuOps.Application.Erasure.Common;
using VirtuOps.Infrastructure.Privacy;
using VirtuOps.Infrastructure.AccessLogs;
using VirtuOps.Infrastructure.Channels;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Data.Interceptors;
using VirtuOps.Infrastructure.Identity;
using VirtuOps.Infrastructure.Email;
using VirtuOps.Infrastructure.Messaging;
using VirtuOps.Infrastructure.Paylov;
using VirtuOps.Infrastructure.Sms;
using VirtuOps.Infrastructure.Security;
using VirtuOps.Infrastructure.Jobs;
using VirtuOps.Infrastructure.Webhooks;

namespace VirtuOps.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IScheduledJobs, QuartzScheduledJobs>();

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();

        // First, so the deliveries it adds are stamped and audited by the ones after it.
        services.AddScoped<ISaveChangesInterceptor, WebhookOutboxInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, TenantStampInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, MessageUsageInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, AuditableEntityInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, DispatchDomainEventsInterceptor>();
        services.AddScoped<ISaveChangesInterceptor, AppendOnlyInterceptor>();

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqliteConnectionString = ResolveSqliteFile(database.ConnectionString, environment.ContentRootPath);
                services.AddDbContext<ApplicationDbContext, SqliteApplicationDbContext>((sp, options) => options
                    .UseSqlite(sqliteConnectionString)
                    .AddInterceptors(sp.GetServices<ISaveChangesInterceptor>())
                    .AddInterceptors(new SqliteBusyTimeoutInterceptor()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<ApplicationDbContext, SqlServerApplicationDbContext>((sp, options) => options
                    .UseSqlServer(database.ConnectionString, sql => sql.EnableRetryOnFailure())
                    .AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{database.Provider}'.");
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
        services.AddScoped<ITenantLimitGate, TenantLimitGate>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<ApplicationDbContextInitialiser>();
        services.AddScoped<ISystemInfo, SystemInfo>();

        services.AddSingleton<ISecretHasher, SecretHasher>();
        services.AddScoped<OneTimeCodes>();
        services.AddOptions<LegalDocumentsOptions>().Bind(configuration.GetSection(LegalDocumentsOptions.SectionName));
        services.AddOptions<AppLinksOptions>().Bind(configuration.GetSection(AppLinksOptions.SectionName));
        services.AddIdentityServices(environment);
        services.AddBots(configuration);
        services.AddBilling(configuration);
        services.AddPartners();
        services.AddSecretProtection(configuration, environment);
        services.AddPaylov(configuration, environment);
        services.AddChannels(configuration);
        services.AddMessaging(configuration);
        services.AddChannelDelivery(configuration);
        services.AddChannelInbound(configuration);
        services.AddDataExports(configuration);
        services.AddOutgoingWebhooks(configuration);

        services.AddHealthChecks().AddDbContextCheck<ApplicationDbContext>("database", tags: ["ready"]);

        services.AddOptions<AccessLogOptions>()
            .Bind(configuration.GetSection(AccessLogOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.PurgeCron, out _), $"{AccessLogOptions.SectionName}:PurgeCron is not a valid Quartz cron expression.")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.RetentionCron, out _), $"{RetentionOptions.SectionName}:RetentionCron is not a valid Quartz cron expression.")
            .ValidateOnStart();
        services.AddOptions<ErasureOptions>()
            .Bind(configuration.GetSection(ErasureOptions.SectionName))
            .Validate(o => o.ErasureGracePeriod > TimeSpan.Zero && o.ErasureGracePeriod <= ErasureOptions.MaxGracePeriod,
                $"{ErasureOptions.SectionName}:ErasureGracePeriod must be more than zero and at most 30 days.")
            .Validate(o => CronExpression.TryParse(o.PurgeCron, out _), $"{ErasureOptions.SectionName}:PurgeCron is not a valid Quartz cron expression.")
            .ValidateOnStart();
        services.AddScoped<ErasureMail>();
        services.AddScoped<ErasurePurge>();
        services.AddScoped<IPersonalDataEraser, PersonalDataEraser>();
        services.AddPrivacyRequests();
        services.AddOptions<WebhookRetentionOptions>()
            .Bind(configuration.GetSection(WebhookRetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The queue is always there so the host can enqueue; only AddBackgroundWork starts something that drains it.
        services.AddSingleton<AccessLogQueue>();
        services.AddSingleton<IAccessLogWriter>(sp => sp.GetRequiredService<AccessLogQueue>());

        return services;
    }

    /// <summary>
    /// The hosted services: the access-log writer, the channel delivery worker and the Quartz scheduler (in-memory store) with its jobs.
    /// The host leaves this out when it runs only to produce its OpenAPI document.
    /// </summary>
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<AccessLogBatchWriter>();
        services.AddChannelDeliveryWorker(configuration);
        services.AddChannelInboundProcessor(configuration);
        services.AddDataExportWorker(configuration);
        services.AddWebhookDeliveryWorker(configuration);

        services.AddQuartz(quartz =>
        {
            quartz.UseInMemoryStore();
            PurgeExpiredAccessLogsJob.Schedule(quartz);
            PurgeExpiredDataJob.Schedule(quartz);
            PurgeErasuresJob.Schedule(quartz);
            PurgeExpiredDataExportsJob.Schedule(quartz);
            ChargeSubscriptionsJob.Schedule(quartz, configuration);
            EndTrialsJob.Schedule(quartz, configuration);
            AccrueCommissionsJob.Schedule(quartz, configuration);
            RemindOfDuePrivacyRequestsJob.Schedule(quartz);
            SendPrivacyRequestDigestJob.Schedule(quartz);
            if (configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite)
                RefreshPlannerStatisticsJob.Schedule(quartz);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

        return services;
    }

    private static void AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>()
            .Bind(configuration.GetSection(BillingOptions.SectionName))
            .Validate(o => o.Plans.Count > 0 && o.Plans.All(p => p.MonthlyPriceTiyin > 0 && p.MxikCode.Length == 17 && p.MxikCode.All(char.IsAsciiDigit)),
                "Billing:Plans needs at least one plan, each with a price and a 17-digit MXIK code.")
            .Validate(o => CronExpression.TryParse(o.ChargeCron, out _), "Billing:ChargeCron is not a valid Quartz cron expression.")
            .Validate(o => o.ChargeConcurrency is >= 1 and <= 256, "Billing:ChargeConcurrency is between 1 and 256.")
            .Validate(o => o.TrialDays is >= 1 and <= 365, "Billing:TrialDays is between 1 and 365.")
            .Validate(o => o.DefaultPlan.Length == 0 || o.Find(o.DefaultPlan) is not null, "Billing:DefaultPlan is not one of Billing:Plans.")
            .Validate(o => CronExpression.TryParse(o.TrialCron, out _), "Billing:TrialCron is not a valid Quartz cron expression.")
            .Validate(o => o.UnavailableMessage.IsValid, "Billing:UnavailableMessage needs Uz, Ru and En texts of at most 1000 characters.")
            .Validate(o => o.LimitReachedMessage.IsValid, "Billing:LimitReachedMessage needs Uz, Ru and En texts of at most 1000 characters.")
            // An upgrade's charge is keyed by the period and the plan code, in a column of 32 characters.
            .Validate(o => o.Plans.All(p => p.Code.Length is >= 1 and <= 16 && p.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))),
                "Billing:Plans' codes are 1 to 16 lower-case letters or digits.")
            .Validate(o => o.Plans.All(p => p.MaxBots >= 0 && p.MaxChannels >= 0 && p.MaxMessagesPerMonth >= 0), "Billing:Plans' limits are not negative.")
            .ValidateOnStart();
        services.AddScoped<BillingMail>();
        services.AddScoped<TenantPlans>();
        services.AddScoped<CountedAnswers>();
        services.AddScoped<AnswerMeter>();
        services.AddScoped<PlanChangeService>();
        services.AddScoped<ImmediateCharges>();
        services.AddScoped<SubscriptionCancellation>();
        services.AddScoped<ReceiptIssuer>();
        services.AddScoped<RenewalSteps>();
        services.AddScoped<RenewalProcessor>();
        services.AddScoped<RenewalPipeline>();
    }

    private static void AddPartners(this IServiceCollection services)
    {
        services.AddOptions<PartnerOptions>()
            .BindConfiguration(PartnerOptions.SectionName)
            .Validate(o => o.CommissionPercent is >= 0 and <= 100, "Partners:CommissionPercent is between 0 and 100.")
            .Validate(o => o.CommissionMonths is >= 0 and <= 120, "Partners:CommissionMonths is between 0 and 120.")
            .Validate(o => o.MinimumPayoutTiyin > 0, "Partners:MinimumPayoutTiyin is positive.")
            .Validate(o => o.PayoutReconcileAfter > TimeSpan.Zero, "Partners:PayoutReconcileAfter is positive.")
            .Validate(o => CronExpression.TryParse(o.AccrualCron, out _), "Partners:AccrualCron is not a valid Quartz cron expression.")
            .ValidateOnStart();
        services.AddScoped<Referrals>();
        services.AddScoped<PayoutAccounts>();
        services.AddScoped<VirtuOps.Application.AdminPayouts.Common.PayoutActions>();
        services.AddScoped<VirtuOps.Application.AdminPayouts.Common.PayoutSender>();
    }

    private static void AddPrivacyRequests(this IServiceCollection services)
    {
        services.AddOptions<PrivacyRequestOptions>()
            .BindConfiguration(PrivacyRequestOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.ReminderCron, out _), $"{PrivacyRequestOptions.SectionName}:ReminderCron is not a valid Quartz cron expression.")
            .ValidateOnStart();
        services.AddSingleton<BusinessCalendar>();
        services.AddScoped<PrivacyRequestRecorder>();
        services.AddScoped<PrivacyRequestMail>();
    }

    private static void AddBots(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlanLimitsOptions>().Bind(configuration.GetSection(PlanLimitsOptions.SectionName));
        services.AddSingleton<IKnowledgeProvider, DatabaseKnowledgeProvider>();
        services.AddAnswerEngine(configuration);
        services.AddScoped<BotResponder>();
        services.AddScoped<ProcessingRestrictions>();
        services.AddScoped<ConversationFlow>();
        services.AddScoped<WidgetAccess>();
        services.AddSingleton<NewVisitorCap>();
    }

    private static void AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChannelApis(configuration);
        services.TryAddSingleton<ChannelWebhookUrls>();
        services.AddScoped<ChannelConnector>();
        services.AddScoped<ChannelDisconnection>();
    }

    private static void AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        var messaging = ReadMessagingOptions(configuration);
        services.AddSingleton<IDevOutbox, DevOutbox>();
        switch (messaging.Sms)
        {
            case SmsProvider.Development:
                services.AddSingleton<ISmsSender, DevelopmentSmsSender>();
                break;
            case SmsProvider.Eskiz:
                services.AddEskizSmsSender(configuration);
                break;
            default:
                throw new InvalidOperationException($"SMS provider '{messaging.Sms}' is not available.");
        }

        switch (messaging.Email)
        {
            case EmailProvider.Development:
                services.AddSingleton<IEmailSender, DevelopmentEmailSender>();
                break;
            case EmailProvider.Smtp:
                services.AddSmtpEmailSender(configuration);
                break;
            default:
                throw new InvalidOperationException($"E-mail provider '{messaging.Email}' is not available.");
        }
    }

    public static MessagingOptions ReadMessagingOptions(IConfiguration configuration) => new()
    {
        Sms = configuration.GetValue("Sms:Provider", SmsProvider.Development),
        Email = configuration.GetValue("Email:Provider", EmailProvider.Development),
    };

    /// <summary>Makes a relative SQLite file absolute against the content root and creates its folder.</summary>
    private static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource.Length == 0 || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return connectionString;

        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }
}
