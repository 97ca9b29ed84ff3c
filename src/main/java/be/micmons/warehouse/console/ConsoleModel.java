package be.micmons.warehouse.console;

import be.micmons.warehouse.admin.SecurityConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every console page needs: who is looking (admin buttons or not), the language, the links to switch it. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class, annotations = ConsolePage.class)
class ConsoleModel {
    private final ConsoleQueries queries;

    ConsoleModel(ConsoleQueries queries) {
        this.queries = queries;
    }

    /** What date the figures on every page are from (DESIGN §18): the latest committed import or decision. */
    @ModelAttribute("dataDate")
    java.sql.Timestamp dataDate() {
        return queries.dataDate();
    }

    static boolean isAdmin(Authentication auth) {
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + SecurityConfig.ADMIN).equals(a.getAuthority()));
    }

    @ModelAttribute("isAdmin")
    boolean admin(Authentication auth) {
        return isAdmin(auth);
    }

    @ModelAttribute("user")
    String user(Authentication auth) {
        return auth == null ? "" : auth.getName();
    }

    @ModelAttribute("lang")
    String lang(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "fr";
    }

    /** The current page in the other language. */
    @ModelAttribute("otherLangUrl")
    String otherLangUrl(HttpServletRequest request, Locale locale) {
        String other = "en".equals(locale.getLanguage()) ? "fr" : "en";
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("lang", other).replaceQueryParam("fragment").build().toUriString();
    }
}
