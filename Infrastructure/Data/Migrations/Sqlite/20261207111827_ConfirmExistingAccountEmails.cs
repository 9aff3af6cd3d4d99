using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.Sqlite
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
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"EmailConfirmed\" = 1 WHERE \"EmailConfirmed\" = 0 AND \"PasswordHash\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Which of them were unconfirmed is not kept; confirmed addresses do no harm to the older code.
        }
    }
}
