global using FluentValidation;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Logging;
global using VirtuOps.Application.Common.Exceptions;
global using VirtuOps.Application.Common.Interfaces;
global using VirtuOps.Application.Common.Security;
global using ValidationException = VirtuOps.Application.Common.Exceptions.ValidationException;
