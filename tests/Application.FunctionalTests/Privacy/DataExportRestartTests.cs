using System.Net;
using System.Net.Http.Json;
using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.Privacy;

namespace Application.FunctionalTests.Privacy;

/// <summary>An export asked for just before a restart is built by the restarted app's worker.</summary>
public sealed class DataExportRestartTests
{
    private sealed class RestartedApp(string databasePath, string exportDirectory) : DataExportApiFactory(databasePath, exportDirectory)
    {
        protected override bool RunWorker => true;
    }

    [Fact]
    public async Task A_pending_export_is_built_by_the_worker_after_a_restart()
    {
        Guid exportId;
        string databasePath, exportDirectory;
        await using (var before = new DataExportApiFactory { KeepDatabase = true })
        {
            using var owner = new SpaClient(before);
            await owner.RegisterVerifiedOwnerAsync("export-restart@example.uz", "+998901000777");
            var response = await owner.Http.PostAsync("/api/privacy/exports", null);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            exportId = (await response.Content.ReadFromJsonAsync<DataExportDto>(SpaClient.Json))!.Id;
            (databasePath, exportDirectory) = (before.DatabasePath, before.ExportDirectory);
        }

        await using var after = new RestartedApp(databasePath, exportDirectory);
        using var again = new SpaClient(after);
        (await again.SignInAsync("export-restart@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();

        // The worker builds it on its own; a bound, so a worker that never picks it up fails instead of hanging.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        DataExportDto export;
        while ((export = (await again.GetAsync<DataExportDto>($"/api/privacy/exports/{exportId}"))!).Status == DataExportStatus.Pending)
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);

        export.Status.ShouldBe(DataExportStatus.Ready);
        (await again.Http.GetAsync($"/api/privacy/exports/{exportId}/download")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.LatestLinkToAsync("export-restart@example.uz")).Query.ShouldContain(exportId.ToString());
    }
}
