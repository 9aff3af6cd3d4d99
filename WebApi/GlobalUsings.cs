global using Mediator;
global using Microsoft.AspNetCore.Http.HttpResults;
global using VirtuOps.WebApi.Infrastructure;
