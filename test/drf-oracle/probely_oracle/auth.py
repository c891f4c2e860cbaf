"""Auth is not what the oracle compares: any `JWT <token>` is the user of scanstub's test tokens (ALICE)."""
from rest_framework.authentication import BaseAuthentication, get_authorization_header


class StubUser:
    is_authenticated = True
    id = 'u-alice'
    email = 'alice@example.com'
    name = 'Alice Tester'


class StubJWTAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].lower() != b'jwt':
            return None
        return (StubUser(), parts[1])

    def authenticate_header(self, request):
        return 'JWT realm="api"'
