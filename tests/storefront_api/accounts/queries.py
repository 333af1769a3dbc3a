"""GraphQL documents the account tests share."""

TOKEN_CREATE = """
mutation SignIn($email: String!, $password: String!, $audience: String) {
  tokenCreate(email: $email, password: $password, audience: $audience) {
    token refreshToken csrfToken
    user { id email phone firstName }
    errors { field message code addressType }
  }
}
"""

TOKEN_REFRESH = """
mutation Refresh($refreshToken: String, $csrfToken: String) {
  tokenRefresh(refreshToken: $refreshToken, csrfToken: $csrfToken) {
    token
    user { id phone }
    errors { field message code }
  }
}
"""

TOKEN_VERIFY = """
mutation Verify($token: String!) {
  tokenVerify(token: $token) {
    isValid payload
    user { id phone }
    errors { field message code }
  }
}
"""

ACCOUNT_REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    requiresConfirmation
    user { id email phone firstName lastName languageCode isActive isConfirmed }
    errors { field message code }
  }
}
"""

ME = """
query Me {
  me {
    id email phone firstName lastName isStaff isActive isConfirmed languageCode
    dateJoined updatedAt lastLogin
    metadata { key value }
    userPermissions { code name }
    addresses {
      id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode
      countryArea phone isDefaultShippingAddress isDefaultBillingAddress
      country { code country vat { countryCode } }
    }
    defaultShippingAddress { id isDefaultShippingAddress isDefaultBillingAddress }
    defaultBillingAddress { id isDefaultShippingAddress isDefaultBillingAddress }
  }
}
"""

CONFIRM_ACCOUNT = """
mutation Confirm($email: String!, $token: String!, $password: String) {
  confirmAccount(email: $email, token: $token, password: $password) {
    user { id email phone isConfirmed }
    errors { field message code }
  }
}
"""
