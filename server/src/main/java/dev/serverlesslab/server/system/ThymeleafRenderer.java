package dev.serverlesslab.server.system;

import dev.serverlesslab.server.account.Viewer;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under {@code templates/} on the class path for {@code ctx.render(...)}; Javalin's
 * own Thymeleaf plugin does not resolve from Maven Central here, and this is all of it we need.
 */
public final class ThymeleafRenderer implements FileRenderer {

    /**
     * Templates whose pages are kept once rendered: a lesson page's model is made only of records, strings, sets and
     * lists (the lesson, its neighbours and the outline, and the viewer's own read marks, scores and quiz answers),
     * so an equal model renders the same bytes, and a page is rendered again only when something on it changed,
     * this viewer's progress included. Rendering (Thymeleaf's OGNL expressions over the outline) was most of a
     * lesson request's time; {@code -Dserverlesslab.pageCache=0} turns the cache off.
     */
    private static final Set<String> CACHED_TEMPLATES = Set.of("course/lesson");
    /** About 14 MB of 27 KB lesson pages: a class of viewers' recent pages, not every page ever shown. */
    private static final int CACHED_PAGES = 512;

    private final TemplateEngine engine = new TemplateEngine();
    private final boolean caching = !"0".equals(System.getProperty("serverlesslab.pageCache"));
    private final Map<List<Object>, String> rendered = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, String> eldest) {
                    return size() > CACHED_PAGES;
                }
            });
    private final StaticAssets assets;
    private final BiConsumer<Context, Map<String, Object>> pageExtras;

    public ThymeleafRenderer() {
        this(new StaticAssets(), (ctx, model) -> { });
    }

    /**
     * @param assets     the versioned addresses of stylesheets and scripts, {@code assets} in every template
     * @param pageExtras adds to every page's model what the layout shows on all pages (e.g. live reload's version
     *                   and content problems)
     */
    public ThymeleafRenderer(StaticAssets assets, BiConsumer<Context, Map<String, Object>> pageExtras) {
        this.assets = assets;
        this.pageExtras = pageExtras;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ThymeleafRenderer.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setLinkBuilder(new RootLinkBuilder());
    }

    /**
     * Renders for a request: adds {@code signedIn}, the signed-in {@link Viewer} (class mode) or null, which the
     * layout's user menu shows on every page.
     */
    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Map<String, Object> withViewer = new HashMap<>(model);
        withViewer.putIfAbsent("signedIn", Viewer.find(ctx).filter(Viewer::isSignedIn).orElse(null));
        pageExtras.accept(ctx, withViewer);
        if (!caching || !CACHED_TEMPLATES.contains(template)) {
            return render(template, withViewer);
        }
        List<Object> key = List.of(template, withViewer);
        String page = rendered.get(key);
        if (page == null) {
            page = render(template, withViewer);
            rendered.put(key, page);
        }
        return page;
    }

    /**
     * Renders a template by its path below {@code templates/}, without the {@code .html} suffix; {@code assets} (see
     * {@link StaticAssets#url}) is always in the model.
     */
    public String render(String template, Map<String, ?> model) {
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context(Locale.ENGLISH);
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("assets", assets);
        context.setVariables(variables);
        return engine.process(template, context);
    }

    /**
     * Lets {@code @{/lessons/{id}}} links work outside a servlet context: the app is always served from the root, and
     * Thymeleaf would otherwise refuse context-relative links (it still URL-encodes their parameters).
     */
    private static final class RootLinkBuilder extends StandardLinkBuilder {
        @Override
        protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
            return "";
        }
    }
}
