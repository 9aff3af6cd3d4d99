using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VirtuOps.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OutboxPendingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_DeliveryStatus_NextDeliveryAt",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Pending_ConversationId_SentAt",
                table: "Messages",
                columns: new[] { "ConversationId", "SentAt" },
                filter: "[DeliveryStatus] = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Pending_NextDeliveryAt",
                table: "Messages",
                column: "NextDeliveryAt",
                filter: "[DeliveryStatus] = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Pending_ConversationId_SentAt",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Pending_NextDeliveryAt",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_DeliveryStatus_NextDeliveryAt",
                table: "Messages",
                columns: new[] { "DeliveryStatus", "NextDeliveryAt" });
        }
    }
}
