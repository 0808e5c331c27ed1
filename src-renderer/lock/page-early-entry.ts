import { installEarlyPage } from './page-early';

// Built on its own into a classic script that index.html loads first (vite.renderer.config.ts).
installEarlyPage(window);
