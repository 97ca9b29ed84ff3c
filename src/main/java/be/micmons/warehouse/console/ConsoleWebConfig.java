package be.micmons.warehouse.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Console language: French by default, {@code ?lang=en} (or {@code ?lang=fr}) switches and is kept
 * in a cookie, so the stateless (session-free) security stays as it is.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfig implements WebMvcConfigurer {
    static final Locale DEFAULT = Locale.FRENCH;

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver r = new CookieLocaleResolver("mic-lang");
        r.setDefaultLocale(DEFAULT);
        r.setCookieMaxAge(Duration.ofDays(365));
        r.setCookiePath("/");
        return r;
    }

    /** Console texts; no fallback to the machine's locale, which would turn the French default into English. */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("console/messages");
        m.setDefaultEncoding(StandardCharsets.UTF_8.name());
        m.setFallbackToSystemLocale(false);
        m.setAlwaysUseMessageFormat(true); // so that '' reads as an apostrophe in every message
        return m;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang);
    }
}
