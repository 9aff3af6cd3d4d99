using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TenantSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_Created_Id",
                table: "Tenants");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_Created_Id_Name",
                table: "Tenants",
                columns: new[] { "Created", "Id", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_Created_Id_Name",
                table: "Tenants");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_Created_Id",
                table: "Tenants",
                columns: new[] { "Created", "Id" });
        }
    }
}
