using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace Application.FunctionalTests.Admin;

/// <summary>Platform staff as they sign in: password, then the SMS code every staff sign-in asks for.</summary>
public static class StaffAccounts
{
    public const string DemoAdminPhone = "+998901112233";

    /// <summary>The seeded platform admin, signed in with the SMS code.</summary>
    public static Task SignInAsDemoAdminAsync(this SpaClient client) =>
        client.SignInWithCodeAsync(DemoDataSeeder.DemoAdminEmail, DemoDataSeeder.DemoPassword, DemoAdminPhone);

    public static async Task SignInWithCodeAsync(this SpaClient client, string email, string password, string phone)
    {
        (await client.SignInAsync(email, password)).EnsureSuccessStatusCode();
        (await client.Http.PostAsJsonAsync("/api/auth/sign-in/code", new { code = await client.LatestCodeAsync(phone) })).EnsureSuccessStatusCode();
    }

    /// <summary>A staff account as an admin creates it: no tenant, a verified phone, the given platform role.</summary>
    public static async Task<Guid> CreateStaffAsync(VirtuOpsApiFactory factory, string email, string phone, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            FullName = $"{role} of VirtuOps",
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = phone,
            PhoneNumberConfirmed = true,
            TwoFactorEnabled = true,
        };
        (await users.CreateAsync(user, SpaClient.StrongPassword)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        return user.Id;
    }
}

/// <summary>For test classes that sign many owners and staff in from one address; the per-IP limit is RateLimitTests' business.</summary>
public sealed class AdminApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.UseSetting("RateLimits:AuthPerMinute", "1000");
}
