using System.Net;
using k8s.Autorest;

namespace KSail.Core.Tests;

public sealed class FailureTextTests
{
    private static HttpOperationException Answer(HttpStatusCode code, string content) =>
        new($"Operation returned an invalid status code '{code}'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), content),
        };

    [Fact]
    public void A_failed_Kubernetes_answer_adds_the_API_servers_Status_message()
    {
        // The body the API server sends when a Pod's ServiceAccount does not exist yet.
        var refused = Answer(
            HttpStatusCode.Forbidden,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"ksail-api-connectivity-1a2b3c\" is forbidden: error looking up service account default/default: serviceaccount \"default\" not found","reason":"Forbidden","details":{"name":"ksail-api-connectivity-1a2b3c","kind":"pods"},"code":403}""");

        Assert.Equal(
            "Operation returned an invalid status code 'Forbidden': pods \"ksail-api-connectivity-1a2b3c\" is forbidden: error looking up service account default/default: serviceaccount \"default\" not found",
            FailureText.Of(refused));
    }

    [Fact]
    public void A_body_that_is_not_a_Status_gives_its_first_line_and_an_empty_one_nothing()
    {
        Assert.Equal("Operation returned an invalid status code 'BadGateway': upstream connect error", FailureText.Of(Answer(HttpStatusCode.BadGateway, "upstream connect error\nsecond line")));
        Assert.Equal("Operation returned an invalid status code 'BadGateway'", FailureText.Of(Answer(HttpStatusCode.BadGateway, "")));
        Assert.Equal("[1,2]", FailureText.ApiMessage(Answer(HttpStatusCode.InternalServerError, "[1,2]")));
    }

    [Fact]
    public void Other_exceptions_keep_their_message()
    {
        Assert.Equal("boom", FailureText.Of(new InvalidOperationException("boom")));
    }
}
