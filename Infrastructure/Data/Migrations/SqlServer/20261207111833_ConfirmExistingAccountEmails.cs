using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.SqlServer
{
    /// <summary>
    /// Sign-in now needs a confirmed e-mail address. Accounts with a password were created before sign-ups had to be
    /// confirmed and have been signing in, so they count as confirmed; invited agents without a password confirm by
    /// setting one.
    /// </summary>
    public partial class ConfirmExistingAccountEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE [AspNetUsers] SET [EmailConfirmed] = CAST(1 AS bit) WHERE [EmailConfirmed] = CAST(0 AS bit) AND [PasswordHash] IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Which of them were unconfirmed is not kept; confirmed addresses do no harm to the older code.
        }
    }
}
