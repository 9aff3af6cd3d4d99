namespace VirtuOps.Application.Common.Interfaces;

public static class CurrentUserExtensions
{
    extension(ICurrentUser currentUser)
    {
        /// <summary>The signed-in user's id as a Guid; null when anonymous or when the id is not a Guid (e.g. a service principal).</summary>
        public Guid? UserId => Guid.TryParse(currentUser.Id, out var id) ? id : null;
    }
}
