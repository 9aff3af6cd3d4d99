using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactRightsAndMessageRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MessageRetentionDays",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_TenantId_SentAt",
                table: "Messages",
                columns: new[] { "TenantId", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_TenantId_SentAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "MessageRetentionDays",
                table: "Tenants");
        }
    }
}
