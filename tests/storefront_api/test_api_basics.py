def test_graphiql_page_is_served_on_get(client, db):
    # when a browser opens the endpoint
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    # then it gets GraphiQL
    assert response.status_code == 200
    assert b"GraphiQL" in response.content


def test_syntax_error_is_a_clear_graphql_error(api_client):
    # when the query does not parse
    response = api_client.post("{ products(")
    # then a 400 with a GraphQL error, not a 500
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "GraphQLError"
