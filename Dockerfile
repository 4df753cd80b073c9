# syntax=docker/dockerfile:1
# Build: the locked dependencies first (cached while only code changes), then the project.
FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY backend ./backend
COPY migrations ./migrations
COPY frontend ./frontend
COPY seeds ./seeds
RUN uv sync --frozen --no-dev

# Run: the same tree without the build tools, as an unprivileged user.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 atlas
WORKDIR /app
COPY --from=build --chown=atlas:atlas /app /app
RUN mkdir -p /app/data && chown atlas:atlas /app/data
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    ATLAS_HOST=0.0.0.0 \
    ATLAS_PORT=8000
USER atlas
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
CMD ["atlas", "serve"]
