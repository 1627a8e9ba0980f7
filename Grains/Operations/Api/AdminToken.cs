using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.Options;

namespace CoordinationService.Operations.Api;

/// <summary>
/// Guards the endpoints that change the tree: without a configured <see cref="AdminOptions.Token"/> the
/// admin port is read-only (403); with one, a request must carry it as a bearer token (else 401).
/// </summary>
public sealed class AdminToken(IOptions<AdminOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = options.Value.Token;
        if (string.IsNullOrEmpty(token))
        {
            return HttpResults.Json(new { error = "read-only: no admin token is configured (Admin:Token)" }, statusCode: StatusCodes.Status403Forbidden);
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : string.Empty;
        // Hashed first, so the comparison takes as long whatever the length of what was presented.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(token))))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return HttpResults.Json(new { error = "a valid admin token is required (Authorization: Bearer …)" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context).ConfigureAwait(false);
    }
}
