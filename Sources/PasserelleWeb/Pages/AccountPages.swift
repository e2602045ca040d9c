import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// Sign in, sign up and sign out from the pages: the session cookie of
/// ``SignIn`` (HttpOnly, SameSite=Lax), through the same ``SignIn`` and
/// ``AuthController`` as the API (the same rate limits, the same answers for an
/// unknown email and a wrong password).
enum AccountPages {
    static func loginForm(_ page: PageRequest) -> Response {
        if page.viewer != nil {
            return PageRequest.seeOther(PageRequest.localPath(page.query("next")) ?? page.path(""))
        }
        return renderLogin(page, email: "", next: page.query("next") ?? "", errors: FormErrors())
    }

    static func renderLogin(
        _ page: PageRequest, email: String, next: String, errors: FormErrors, status: HTTPResponse.Status = .ok
    ) -> Response {
        page.render(
            "login", title: page.t("login.title"),
            [
                "form": [
                    "action": page.path("login"), "next": PageRequest.localPath(next) ?? "",
                    "email": errors.field("email", value: email), "password": errors.field("password"),
                ],
                "errors": errors.summary(order: ["email", "password"], intro: page.t("form.errorsIntro")),
                "signupURL": page.path("signup"),
            ], status: status)
    }

    static func login(_ page: PageRequest) async throws -> Response {
        let email = page.form?.text("email") ?? ""
        let password = page.form?["password"] ?? ""
        let next = page.form?["next"] ?? ""
        var errors = FormErrors()
        if email.isEmpty { errors.add("email", page.t("form.required")) }
        if password.isEmpty { errors.add("password", page.t("form.required")) }
        guard errors.isEmpty else {
            return renderLogin(page, email: email, next: next, errors: errors, status: .unprocessableContent)
        }
        let issued: SignIn.Issued
        do {
            issued = try await page.services.signIn.signIn(
                email: email, password: password, address: address(page), kind: .cookie)
        } catch let error as APIError where error.status == .unauthorized || error.status == .tooManyRequests {
            errors.general = page.t(error.status == .unauthorized ? "login.wrong" : "error.429.text")
            var response = renderLogin(page, email: email, next: next, errors: errors, status: error.status)
            response.headers.append(contentsOf: error.headers)
            return response
        }
        var response = PageRequest.seeOther(PageRequest.localPath(next) ?? page.path(""))
        response.setCookie(
            SessionCredential.cookie(
                token: issued.token, expiresAt: issued.session.expiresAt, now: issued.session.createdAt,
                secure: SessionCredential.cameOverTLS(page.request)))
        return response
    }

    static func logout(_ page: PageRequest) async throws -> Response {
        var response = page.redirect("")
        if page.viewer != nil, let credential = try SessionCredential.of(page.request), credential.kind == .cookie {
            try await page.services.signIn.signOut(credential)
            response.setCookie(SessionCredential.expiredCookie(secure: SessionCredential.cameOverTLS(page.request)))
        }
        return response
    }

    static let signupFields = ["name", "email", "password", "country", "language"]

    static func signupForm(_ page: PageRequest) -> Response {
        if page.viewer != nil { return page.redirect("me") }
        return renderSignup(page, values: [:], errors: FormErrors())
    }

    static func renderSignup(
        _ page: PageRequest, values: [String: String], errors: FormErrors, status: HTTPResponse.Status = .ok
    ) -> Response {
        let country = values["country"] ?? page.country.code
        let language = values["language"] ?? page.language.code
        return page.render(
            "signup", title: page.t("signup.title"),
            [
                "form": [
                    "action": page.path("signup"), "name": errors.field("name", value: values["name"] ?? ""),
                    "email": errors.field("email", value: values["email"] ?? ""),
                    "password": errors.field("password"),
                    "countries": Country.jobSpaces.map {
                        ["code": $0.code, "name": page.format.countryName($0), "selected": $0.code == country]
                    },
                    "languages": Language.allCases.map {
                        [
                            "code": $0.code, "name": PageRequest.nativeNames[$0]!,
                            "selected": $0.code == language,
                        ]
                    },
                ],
                "errors": errors.summary(order: signupFields, intro: page.t("form.errorsIntro")),
                "loginURL": page.path("login"),
            ], status: status)
    }

    /// Checks the fields with the rules registration applies (``Validator``),
    /// then registers through ``AuthController`` and signs the new member in.
    static func signup(_ page: PageRequest) async throws -> Response {
        var values: [String: String] = [:]
        for name in signupFields { values[name] = page.form?.text(name) ?? "" }
        values["password"] = page.form?["password"] ?? ""
        var errors = FormErrors()
        var rules = Validator()
        rules.email(values["email"]!, field: "email")
        rules.password(values["password"]!, field: "password")
        rules.nonBlank(values["name"]!, field: "name")
        _ = rules.country(values["country"]!, field: "country")
        _ = rules.language(values["language"]!, field: "language")
        do {
            try rules.finish()
        } catch {
            for problem in error.errors {
                let key =
                    switch problem.field {
                    case "email": "signup.emailRule"
                    case "password": "signup.passwordRule"
                    case "name": "form.required"
                    default: "form.invalid"
                    }
                errors.add(problem.field, page.t(key))
            }
            return renderSignup(page, values: values, errors: errors, status: .unprocessableContent)
        }
        let body: JSONValue = .object(values.mapValues { .string($0) })
        let controller = AuthController(signIn: page.services.signIn, registry: page.services.registry)
        do {
            _ = try await controller.register(try page.apiRequest(.post, json: body), context: page.context)
        } catch let error as APIError where error.status == .tooManyRequests {
            errors.general = page.t("error.429.text")
            return renderSignup(page, values: values, errors: errors, status: .tooManyRequests)
        }
        // As the API: the same answer whether the email was free or taken; signing in tells.
        let issued: SignIn.Issued
        do {
            issued = try await page.services.signIn.signIn(
                email: values["email"]!, password: values["password"]!, address: address(page), kind: .cookie)
        } catch let error as APIError where error.status == .unauthorized || error.status == .tooManyRequests {
            errors.general = page.t("signup.notSignedIn")
            return renderSignup(page, values: values, errors: errors, status: error.status)
        }
        var response = page.redirect("me/cv?welcome=1")
        response.setCookie(
            SessionCredential.cookie(
                token: issued.token, expiresAt: issued.session.expiresAt, now: issued.session.createdAt,
                secure: SessionCredential.cameOverTLS(page.request)))
        return response
    }

    private static func address(_ page: PageRequest) -> String {
        ClientAddress.of(
            page.request, context: page.context,
            trustsForwardedHeaders: page.services.signIn.configuration.trustsForwardedHeaders)
    }
}
