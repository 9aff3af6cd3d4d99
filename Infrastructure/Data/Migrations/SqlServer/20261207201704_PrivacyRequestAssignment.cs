using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PrivacyRequestAssignment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssignedToUserId",
                table: "PrivacyRequests",
                type: "uniqueidentifier",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssignedToUserId",
                table: "PrivacyRequests");
        }
    }
}
