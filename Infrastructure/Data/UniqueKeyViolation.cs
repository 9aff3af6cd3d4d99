using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace VirtuOps.Infrastructure.Data;

/// <summary>
/// A save refused by a unique index: the database's own guard against doing a thing twice (one paid charge per period,
/// one referral per tenant...) when two requests race past the checks before it. Recognised for both providers.
/// </summary>
public static class UniqueKeyViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqlServerDuplicateKeyRow = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } => true,
        SqlException { Number: SqlServerDuplicateKeyRow or SqlServerUniqueConstraint } => true,
        _ => false,
    };
}
