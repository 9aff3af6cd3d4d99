namespace VirtuOps.Domain.Common;

/// <summary>An entity whose creation and last change are stamped by the persistence layer.</summary>
public abstract class BaseAuditableEntity : BaseEntity
{
    public DateTimeOffset Created { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public string? LastModifiedBy { get; set; }
}
