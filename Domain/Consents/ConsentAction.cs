namespace VirtuOps.Domain.Consents;

public enum ConsentAction
{
    Granted = 0,
    Withdrawn = 1,
}
