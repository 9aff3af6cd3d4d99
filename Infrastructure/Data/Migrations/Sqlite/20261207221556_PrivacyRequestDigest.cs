using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrivacyRequestDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PrivacyDigestDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyDigestDeliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PrivacyDigestDeliveries_Day",
                table: "PrivacyDigestDeliveries",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_PrivacyDigestDeliveries_StaffUserId_Day",
                table: "PrivacyDigestDeliveries",
                columns: new[] { "StaffUserId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrivacyDigestDeliveries");
        }
    }
}
