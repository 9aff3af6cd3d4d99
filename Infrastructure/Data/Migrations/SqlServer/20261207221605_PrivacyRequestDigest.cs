using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
